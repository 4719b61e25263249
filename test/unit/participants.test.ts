import { describe, expect, it } from 'vitest';
import { validateDisplayName } from '../../src/core/participants.js';

describe('validateDisplayName', () => {
  it('trims surrounding spaces', () => {
    expect(validateDisplayName('  Ada Lovelace \n')).toBe('Ada Lovelace');
  });

  it('accepts 64 characters counted as people see them, not UTF-16 units', () => {
    expect(validateDisplayName('😀'.repeat(64))).toHaveLength(128);
    expect(validateDisplayName('é'.repeat(64))).toBe('é'.repeat(64));
  });

  it.each([
    ['', 'Enter your name.'],
    ['   ', 'Enter your name.'],
    ['x'.repeat(65), 'at most 64'],
    ['Bob\u0000', 'cannot be shown'],
    ['Bob\u0007Smith', 'cannot be shown'],
    ['a\nb', 'cannot be shown'],
    ['evil\u202egnp.exe', 'cannot be shown'],
    [42, 'Enter your name.'],
    [null, 'Enter your name.'],
  ])('refuses %j with a clear message', (raw, message) => {
    expect(() => validateDisplayName(raw)).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
    expect(() => validateDisplayName(raw)).toThrow(message);
  });
});
