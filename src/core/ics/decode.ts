/**
 * Bytes → calendar text. Strict UTF-8: a file in another encoding is refused with the line of
 * the first bad byte, rather than imported with characters silently replaced.
 */
import { AppError } from '../errors.js';

export function decodeCalendar(body: Uint8Array, charset?: string): string {
  const cs = (charset ?? 'utf-8').toLowerCase();
  if (cs !== 'utf-8' && cs !== 'utf8' && cs !== 'us-ascii') {
    throw new AppError(
      'unsupported_media_type',
      `Send the calendar as UTF-8 (charset=${cs} is not supported).`,
    );
  }
  if (body.length === 0) throw new AppError('calendar_invalid', 'The calendar is empty.');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const loose = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
    const line = loose.slice(0, Math.max(loose.indexOf('\ufffd'), 0)).split('\n').length;
    throw new AppError('calendar_invalid', `Line ${line} is not valid UTF-8.`, {
      details: { line },
    });
  }
}
