/**
 * Issue 14, item 10: names made only of zero-width or format characters (U+200B, LRM/RLM,
 * the Hangul filler U+3164) were accepted and showed as nobody; U+2028 went through raw.
 */
import { describe, expect, it } from 'vitest';
import { validateDisplayName } from '../../src/core/participants.js';

describe('invisible display names', () => {
  it.each([
    ['\u200b'],
    ['\u200e\u200f'],
    ['\u3164'],
    ['\u3164\u3164 \u200b'],
    ['\u2800'],
    ['\ufeff\u2060'],
    ['\u0301'],
    ['\u2028'],
  ])('an invisible name %j is refused', (raw) => {
    expect(() => validateDisplayName(raw)).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });

  it('format characters are stripped and line separators become spaces', () => {
    expect(validateDisplayName('A\u200bda\u200e')).toBe('Ada');
    expect(validateDisplayName('Ada\u2028Lovelace')).toBe('Ada Lovelace');
    expect(validateDisplayName('Ada\u2029\u0085Byron')).toBe('Ada  Byron');
  });

  it('keeps the joiners emoji and scripts need', () => {
    expect(validateDisplayName('👩‍💻 Ada')).toBe('👩‍💻 Ada');
    expect(validateDisplayName('می‌خواهم')).toBe('می‌خواهم');
  });
});
