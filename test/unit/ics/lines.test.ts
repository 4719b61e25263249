import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeText,
  foldLineEnd,
  paramValue,
  parseContentLine,
  splitLines,
  unescapeText,
  unfold,
} from '../../../src/core/ics/lines.js';

describe('splitLines', () => {
  it('gives back every byte of any text: BOM, folds, CRLF, LF, lone CR, no final EOL', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('BEGIN:VEVENT', 'A:b', '\r\n', '\n', ' ', '\t', 'x', 'é😀', '\r', ''),
        ),
        fc.boolean(),
        (parts, bom) => {
          const text = (bom ? '\ufeff' : '') + parts.join('');
          const s = splitLines(text);
          expect(s.bom + s.lines.map((l) => l.raw).join('')).toBe(text);
        },
      ),
    );
  });

  it('joins folded lines into one logical line and numbers lines from 1', () => {
    const s = splitLines('BEGIN:VCALENDAR\r\nDESCRIPTION:a\r\n  b\r\n\tc\r\nEND:VCALENDAR\r\n');
    expect(s.lines.map((l) => [l.name, l.lineNo])).toEqual([
      ['BEGIN', 1],
      ['DESCRIPTION', 2],
      ['END', 5],
    ]);
    expect(unfold(s.lines[1]!.raw)).toBe('DESCRIPTION:a bc');
    expect(s.eol).toBe('\r\n');
  });

  it('notes that a file uses LF so new lines match it', () => {
    expect(splitLines('A:b\nC:d\n').eol).toBe('\n');
  });
});

describe('parseContentLine', () => {
  it('reads quoted parameter values holding : ; and ,', () => {
    const p = parseContentLine(
      'ATTENDEE;CN="Doe, Jane; PhD";DELEGATED-TO="mailto:a@x","mailto:b@x":mailto:j@x',
      1,
    );
    expect(p.name).toBe('ATTENDEE');
    expect(p.params).toEqual([
      ['CN', 'Doe, Jane; PhD'],
      ['DELEGATED-TO', 'mailto:a@x,mailto:b@x'],
    ]);
    expect(p.value).toBe('mailto:j@x');
  });

  it('names the line of a property without a value', () => {
    expect(() => parseContentLine('ORGANIZER;CN=Sixt SE', 8)).toThrow(/^Line 8 /);
    expect(() => parseContentLine('X;CN="open:x', 3)).toThrow(/Line 3 .*not closed/);
  });
});

describe('escaping and folding', () => {
  it('escapes TEXT and reads it back', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const e = escapeText(s);
        expect(e).not.toMatch(/[\r\n]/);
        // eslint-disable-next-line no-control-regex -- the characters escapeText drops
        const dropped = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
        expect(unescapeText(e)).toBe(s.replace(/\r\n|\r/g, '\n').replace(dropped, ''));
      }),
    );
  });

  it('never lets a CR or LF start a new content line', () => {
    expect(escapeText('Room 1\r\nATTENDEE:mailto:evil@x')).toBe('Room 1\\nATTENDEE:mailto:evil@x');
    // RFC 6868: a line break is ^n and a double quote ^' inside a parameter value.
    expect(paramValue('Join\r\nX:"y"')).toBe('"Join^nX:^\'y^\'"');
    expect(paramValue('Join\r\nX:"y"')).not.toMatch(/[\r\n]/);
  });

  it('folds at 75 octets without splitting a UTF-8 character, and unfolds to the same line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        const line = `DESCRIPTION:${s}`;
        const folded = foldLineEnd(line, '\r\n');
        for (const physical of folded.split('\r\n').slice(0, -1)) {
          expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75);
        }
        expect(unfold(folded)).toBe(line);
      }),
    );
  });
});
