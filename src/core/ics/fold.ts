/**
 * Content lines as RFC 5545 wants them: CRLF, folded at 75 octets without splitting a UTF-8
 * character. (Octets are counted by hand: TextEncoder per line dominated build profiles.)
 */

function octets(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

function utf8Length(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4; // a surrogate pair is one 4-octet character
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Folds one logical line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence or a
 * surrogate pair; continuation lines start with `eol` and a space. No final line ending.
 */
export function foldLine(line: string, eol = '\r\n'): string {
  if (line.length <= 75 && (line.length <= 18 || utf8Length(line) <= 75)) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const o = octets(ch.codePointAt(0) ?? 0);
    if (size + o > limit) {
      out.push(current);
      current = '';
      size = 0;
      limit = 74; // continuation lines start with a space
    }
    current += ch;
    size += o;
  }
  out.push(current);
  return out.join(`${eol} `);
}

/** Splits a calendar into logical (unfolded) lines; accepts CRLF or bare LF. */
export function unfoldLines(text: string): string[] {
  return text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
}
