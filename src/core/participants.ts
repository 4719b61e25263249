/**
 * Display names people type on the join page. They end up in other people's screens, in
 * attendance reports and in hosts' lobby lists, so they are kept short and printable.
 */
import { AppError } from './errors.js';

export const NAME_MAX_LENGTH = 64;

// Control characters, plus the bidirectional overrides and isolates that can make a name
// display as something else (U+202A–U+202E, U+2066–U+2069).
const FORBIDDEN = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
/** Format characters other than the bidi controls refused above and ZWNJ/ZWJ. */
const FORMAT = /(?!\u200c|\u200d|[\u202a-\u202e\u2066-\u2069])\p{Cf}/gu;
/** Characters that take no visible space: fillers, blanks, marks and joiners on their own. */
const BLANK = /[\s\p{Z}\p{Cf}\u3164\u115f\u1160\uffa0\u2800]|\p{M}/gu;
const VISIBLE = /\S/u;

/**
 * Trims a display name and checks it: 1 to 64 characters (code points), no control
 * characters. Throws AppError('validation_failed') saying what is wrong.
 */
export function validateDisplayName(raw: unknown): string {
  if (typeof raw !== 'string') {
    throw new AppError('validation_failed', 'Enter your name.', { details: { field: 'name' } });
  }
  // Format characters (zero-width space, LRM/RLM, …) are dropped, keeping the joiners that
  // emoji and some scripts need; line and paragraph separators become spaces.
  const name = raw
    .normalize('NFC')
    .replace(FORMAT, '')
    .replace(/[\u2028\u2029\u0085]/g, ' ')
    .trim();
  const length = [...name].length;
  if (length === 0) {
    throw new AppError('validation_failed', 'Enter your name.', { details: { field: 'name' } });
  }
  if (length > NAME_MAX_LENGTH) {
    throw new AppError(
      'validation_failed',
      `Your name may be at most ${NAME_MAX_LENGTH} characters long.`,
      { details: { field: 'name', max: NAME_MAX_LENGTH } },
    );
  }
  if (!VISIBLE.test(name.replace(BLANK, ''))) {
    throw new AppError('validation_failed', 'Enter a name people can see.', {
      details: { field: 'name' },
    });
  }
  if (FORBIDDEN.test(name)) {
    throw new AppError('validation_failed', 'Your name contains characters that cannot be shown.', {
      details: { field: 'name' },
    });
  }
  return name;
}
