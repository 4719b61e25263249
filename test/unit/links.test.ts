import { describe, expect, it } from 'vitest';
import {
  LINK_ALPHABET,
  LINK_ID_LENGTH,
  LINK_RANDOM_BYTES,
  base64Url,
  checkLinkId,
  makeLinkId,
} from '../../src/core/links.js';

function seeded(seed: number): (n: number) => Uint8Array {
  let x = seed >>> 0;
  return (n) =>
    Uint8Array.from({ length: n }, () => {
      x = (x * 1664525 + 1013904223) >>> 0;
      return x >>> 24;
    });
}

describe('link ids', () => {
  const rand = seeded(42);
  const ids = Array.from({ length: 200 }, () => makeLinkId(rand(LINK_RANDOM_BYTES)));

  it('are 28 characters of the link alphabet and pass their own check', () => {
    for (const id of ids) {
      expect(id).toHaveLength(LINK_ID_LENGTH);
      expect([...id].every((c) => LINK_ALPHABET.includes(c))).toBe(true);
      expect(checkLinkId(id)).toEqual({ ok: true, id });
    }
  });

  it('carry at least 128 random bits: different bytes give different ids', () => {
    expect(new Set(ids).size).toBe(ids.length);
    const a = new Uint8Array(LINK_RANDOM_BYTES);
    const b = new Uint8Array(LINK_RANDOM_BYTES);
    b[15] = 0x40; // a bit inside the 128th bit still changes the id
    expect(makeLinkId(a)).not.toBe(makeLinkId(b));
  });

  it('says incomplete for every truncation', () => {
    const id = ids[0] as string;
    for (let len = 1; len < id.length; len++) {
      expect(checkLinkId(id.slice(0, len))).toEqual({ ok: false, reason: 'incomplete' });
    }
  });

  it('catches every single changed character', () => {
    for (const id of ids.slice(0, 20)) {
      for (let i = 0; i < id.length; i++) {
        for (const c of LINK_ALPHABET) {
          if (c === id[i]) continue;
          const bad = id.slice(0, i) + c + id.slice(i + 1);
          expect(checkLinkId(bad).ok, `${bad} from ${id}`).toBe(false);
        }
      }
    }
  });

  it('catches every swap of two neighbouring characters', () => {
    for (const id of ids) {
      for (let i = 0; i + 1 < id.length; i++) {
        if (id[i] === id[i + 1]) continue;
        const bad = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
        expect(checkLinkId(bad).ok).toBe(false);
      }
    }
  });

  it('forgives case and look-alike letters people retype', () => {
    const id = ids.find((x) => x.includes('0') || x.includes('1')) as string;
    const retyped = id.toUpperCase().replace(/0/g, 'O').replace(/1/g, 'l');
    expect(checkLinkId(retyped)).toEqual({ ok: true, id });
  });

  it('calls characters outside the alphabet malformed', () => {
    expect(checkLinkId('../../etc/passwd')).toEqual({ ok: false, reason: 'malformed' });
    expect(checkLinkId('')).toEqual({ ok: false, reason: 'malformed' });
    expect(checkLinkId('a'.repeat(500))).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses too few random bytes', () => {
    expect(() => makeLinkId(new Uint8Array(4))).toThrow(RangeError);
  });
});

describe('base64Url', () => {
  it('matches Node for every length', () => {
    const rand = seeded(7);
    for (let n = 0; n < 40; n++) {
      const bytes = rand(n);
      expect(base64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
    }
  });
});
