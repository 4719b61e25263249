import { describe, expect, it } from 'vitest';
import { formatKey, keyIdOf, makeKeyId } from '../../src/core/keys.js';
import {
  DEFAULT_POLICY,
  assertMayJoin,
  browserAllowed,
  effectiveCallSize,
  policyFromStored,
} from '../../src/core/policy.js';
import { checkPolicy } from '../../src/core/usecases/policy.js';

describe('checkPolicy', () => {
  it('accepts the defaults and every known browser family, samsung included', () => {
    expect(checkPolicy(DEFAULT_POLICY)).toEqual({ ok: true, policy: DEFAULT_POLICY });
  });

  it('reports every problem at once, each with its field', () => {
    const r = checkPolicy({ linksEnabled: 1, maxParticipants: 101, allowedBrowsers: ['opera'] });
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'linksEnabled',
        'lobbyByDefault',
        'maxParticipants',
        'allowedBrowsers.0',
        'guestsAllowed',
      ]),
    );
  });

  it('names the allowed browsers when one is unknown', () => {
    const r = checkPolicy({ ...DEFAULT_POLICY, allowedBrowsers: ['ie'] });
    expect(r.ok ? '' : r.problems[0]?.message).toMatch(/chrome, edge, firefox, safari, samsung/);
  });
});

describe('policyFromStored', () => {
  it('fills fields an older stored policy lacks with their defaults', () => {
    expect(policyFromStored({ linksEnabled: false }).policy).toEqual({
      ...DEFAULT_POLICY,
      linksEnabled: false,
    });
  });

  it('falls back to the defaults, flagged, when the stored form no longer validates', () => {
    expect(policyFromStored({ maxParticipants: 'lots' })).toEqual({
      policy: DEFAULT_POLICY,
      valid: false,
    });
  });
});

describe('policy rules', () => {
  const strict = { ...DEFAULT_POLICY, maxParticipants: 5, guestsAllowed: false };

  it('caps a link made before the cap was lowered', () => {
    expect(effectiveCallSize(32, strict)).toBe(5);
    expect(effectiveCallSize(3, strict)).toBe(3);
  });

  it('lets members but not guests join when guests are not allowed', () => {
    expect(() => assertMayJoin(strict, true)).not.toThrow();
    expect(() => assertMayJoin(strict, false)).toThrow(/only its members/);
    expect(() => assertMayJoin({ ...strict, linksEnabled: false }, true)).toThrow(/disabled/);
  });

  it('tells allowed browser families', () => {
    expect(browserAllowed({ ...DEFAULT_POLICY, allowedBrowsers: ['firefox'] }, 'chrome')).toBe(
      false,
    );
    expect(browserAllowed(DEFAULT_POLICY, 'samsung')).toBe(true);
  });
});

describe('key format', () => {
  it('carries its id and nothing else is mistaken for a key', () => {
    const id = makeKeyId(new Uint8Array(16).fill(7));
    const key = formatKey(id, new Uint8Array(32).fill(1));
    expect(keyIdOf(key)).toBe(id);
    expect(keyIdOf(`${key}x`)).toBeUndefined();
    expect(keyIdOf('clk_admin-token')).toBeUndefined();
  });
});
