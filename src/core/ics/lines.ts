/**
 * iCalendar content lines (RFC 5545 §3.1) for editing in place: the text is split into logical
 * lines that keep their original bytes (folds, line endings, odd spacing) so that a line we do
 * not touch comes back exactly as it was. Only the lines we change or add are rebuilt, escaped
 * and folded here.
 */
import { paramText } from './param.js';
import { AppError } from '../errors.js';
import { foldLine } from './fold.js';

/** One logical line: its name (upper case), and the exact original text including folds and EOLs. */
export interface RawLine {
  /** Property or BEGIN/END name in upper case; '' for a blank line. */
  name: string;
  /** The original text of every physical line, with their line endings, as one string. */
  raw: string;
  /** 1-based number of the first physical line, for error messages. */
  lineNo: number;
}

export interface SplitResult {
  lines: RawLine[];
  /** A byte-order mark found (and kept) at the start. */
  bom: string;
  /** The line ending most of the file uses; the one new lines get. */
  eol: '\r\n' | '\n';
}

const NAME_RE = /^[A-Za-z0-9-]+/;

/**
 * Splits a calendar into logical lines without losing a byte: joining every `raw` after `bom`
 * gives the input back.
 */
export function splitLines(text: string): SplitResult {
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const body = bom ? text.slice(1) : text;
  const lines: RawLine[] = [];
  let crlf = 0;
  let lf = 0;
  let pos = 0;
  let physical = 0;
  const n = body.length;
  while (pos < n) {
    const start = pos;
    const firstLineNo = physical + 1;
    // One logical line: a physical line plus every following line that begins with space or tab.
    for (;;) {
      let end = body.indexOf('\n', pos);
      let next: number;
      if (end === -1) {
        end = n;
        next = n;
      } else {
        next = end + 1;
        if (end > pos && body.charCodeAt(end - 1) === 13) crlf++;
        else lf++;
      }
      physical++;
      pos = next;
      const c = body.charCodeAt(pos);
      if (pos >= n || (c !== 32 && c !== 9)) break;
    }
    const raw = body.slice(start, pos);
    // The name as readers see it: a fold may fall inside the name itself (`U` / ` ID:…`).
    const m = NAME_RE.exec(/\n[ \t]/.test(raw) ? unfold(raw) : raw);
    lines.push({ name: m ? m[0].toUpperCase() : '', raw, lineNo: firstLineNo });
  }
  return { lines, bom, eol: lf > crlf ? '\n' : '\r\n' };
}

/** Removes folds and the final line ending: the logical line as one string. */
export function unfold(raw: string): string {
  return raw.replace(/\r?\n[ \t]/g, '').replace(/\r?\n$/, '');
}

export interface ContentLine {
  name: string;
  /** Parameter names in upper case → raw values (quotes removed), in order. */
  params: [string, string][];
  /** The value exactly as written (still escaped). */
  value: string;
}

/** Parses an unfolded line `NAME;P=V;Q="a:b":value`; quoted parameter values may hold `:;,`. */
export function parseContentLine(line: string, lineNo: number): ContentLine {
  const m = NAME_RE.exec(line);
  if (!m) throw malformed(lineNo, 'a line must start with a property name');
  const name = m[0].toUpperCase();
  const params: [string, string][] = [];
  let i = m[0].length;
  while (line[i] === ';') {
    const eq = line.indexOf('=', i + 1);
    if (eq === -1) throw malformed(lineNo, 'a parameter has no value');
    const pname = line.slice(i + 1, eq).toUpperCase();
    i = eq + 1;
    let value = '';
    // A parameter may carry several comma-separated values, each quoted or not.
    for (;;) {
      if (line[i] === '"') {
        const close = line.indexOf('"', i + 1);
        if (close === -1) throw malformed(lineNo, 'a quoted parameter value is not closed');
        value += line.slice(i + 1, close);
        i = close + 1;
      } else {
        let j = i;
        while (j < line.length && line[j] !== ';' && line[j] !== ':' && line[j] !== ',') j++;
        value += line.slice(i, j);
        i = j;
      }
      if (line[i] !== ',') break;
      value += ',';
      i++;
    }
    params.push([pname, value]);
  }
  if (line[i] !== ':') throw malformed(lineNo, `"${name}" has no ":" before its value`);
  return { name, params, value: line.slice(i + 1) };
}

export function malformed(lineNo: number, why: string): AppError {
  return new AppError('calendar_invalid', `Line ${lineNo} is not valid iCalendar: ${why}.`, {
    details: { line: lineNo },
  });
}

/**
 * Escapes a TEXT value (RFC 5545 §3.3.11). Line breaks become `\n`; other control characters,
 * which no TEXT value may hold, are dropped, so nothing can inject a new content line.
 */
export function escapeText(text: string): string {
  return (
    text
      .replace(/\r\n|\r|\n/g, '\n')
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))
  );
}

/** Reverses escapeText for reading a value. */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** A parameter value, RFC 6868-encoded (param.ts) and quoted when it holds `:;,`. */
export const paramValue = paramText;

/** A logical line folded at 75 octets (see fold.ts) and ended with eol. */
export function foldLineEnd(line: string, eol: string): string {
  return foldLine(line, eol) + eol;
}
