/**
 * Checks on calendars we output: the round trip (every line we did not mean to change comes
 * back byte for byte), and what two independent parsers (ical.js, Debian's python3-icalendar)
 * read from them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { splitLines, unfold } from '../../src/core/ics/lines.js';

export const PUBLIC_URL = 'https://meet.example.test';
export const LINK_RE = /https:\/\/meet\.example\.test\/j\/[0-9a-z]{28}/;
const L = LINK_RE.source;
const LABEL = 'Join the call';

/** Undoes what import does to one existing line, so it can be compared with the original. */
function stripLink(line: string): string {
  if (/^LOCATION[;:]/i.test(line)) return line.replace(new RegExp(`(?:\\\\, )?${L}$`), '');
  if (/^DESCRIPTION[;:]/i.test(line)) {
    return line.replace(new RegExp(`:${LABEL}: ${L}(?:\\\\n\\\\n)?`), ':');
  }
  return line.replace(new RegExp(`<p>${LABEL}: <a href="${L}">${L}</a></p>`, 'g'), '');
}

/**
 * Asserts that output is input plus our link lines: untouched lines identical byte for byte
 * (folds, line endings, BOM), changed lines identical once the link is taken out, and
 * nothing else added. Returns the number of lines added and changed.
 */
export function assertIntact(input: string, output: string): { added: number; changed: number } {
  const a = splitLines(input);
  const b = splitLines(output);
  if (a.bom !== b.bom) throw new Error('byte-order mark changed');
  let i = 0;
  let added = 0;
  let changed = 0;
  for (let j = 0; j < b.lines.length; j++) {
    const out = b.lines[j]!;
    const orig = a.lines[i];
    if (orig && orig.raw === out.raw) {
      i++;
      continue;
    }
    const text = unfold(out.raw);
    if (!LINK_RE.test(text)) {
      throw new Error(
        `line ${out.lineNo} of the output differs from line ${orig?.lineNo} of the input:\n` +
          `  in:  ${JSON.stringify(orig?.raw)}\n  out: ${JSON.stringify(out.raw)}`,
      );
    }
    if (orig && orig.name === out.name && stripLink(text) === unfold(orig.raw)) {
      changed++;
      i++;
    } else if (['LOCATION', 'URL', 'DESCRIPTION', 'CONFERENCE'].includes(out.name)) added++;
    else throw new Error(`unexpected line ${out.lineNo}: ${JSON.stringify(out.raw)}`);
  }
  if (i !== a.lines.length) {
    throw new Error(`input line ${a.lines[i]?.lineNo} is missing from the output`);
  }
  return { added, changed };
}

/** A response body as text, keeping a byte-order mark (Response.text() drops it). */
export async function bodyText(res: Response): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
}

export interface ParsedEvent {
  uid: string | null;
  location: string | null;
  url: string | null;
  description: string | null;
  conference: string[];
}

/** Events as ical.js reads them, or the error it throws. */
export function readWithIcalJs(text: string): ParsedEvent[] {
  const root = new ICAL.Component(ICAL.parse(text.replace(/^\ufeff/, '')) as unknown[]);
  const cals = root.name === 'vcalendar' ? [root] : root.getAllSubcomponents('vcalendar');
  return cals.flatMap((cal) =>
    cal.getAllSubcomponents('vevent').map((ev) => ({
      uid: (ev.getFirstPropertyValue('uid') as string | null) ?? null,
      location: (ev.getFirstPropertyValue('location') as string | null) ?? null,
      url: (ev.getFirstPropertyValue('url') as string | null) ?? null,
      description: (ev.getFirstPropertyValue('description') as string | null) ?? null,
      conference: ev.getAllProperties('conference').map((p) => String(p.getFirstValue())),
    })),
  );
}

const PYTHON = '/usr/bin/python3';
const SCRIPT = `
import json, sys
from icalendar import Calendar
out = []
for path in sys.argv[1:]:
    try:
        data = open(path, 'rb').read()
        cals = Calendar.from_ical(data, multiple=True)
        events = []
        for cal in cals:
            for ev in cal.walk('VEVENT'):
                conf = ev.get('CONFERENCE')
                conf = [] if conf is None else [str(c) for c in (conf if isinstance(conf, list) else [conf])]
                g = lambda k: None if ev.get(k) is None else str(ev.get(k))
                events.append({'uid': g('UID'), 'location': g('LOCATION'), 'url': g('URL'),
                               'description': g('DESCRIPTION'), 'conference': conf})
        out.append({'ok': True, 'events': events})
    except Exception as e:
        out.append({'ok': False, 'error': repr(e)})
print(json.dumps(out))
`;

/** Events as python3-icalendar reads them, one result per text; one Python run for all. */
export function readWithPython(
  texts: string[],
): ({ ok: true; events: ParsedEvent[] } | { ok: false; error: string })[] {
  if (!existsSync(PYTHON))
    throw new Error(`${PYTHON} is missing: apt-get install python3-icalendar`);
  const dir = mkdtempSync(join(tmpdir(), 'callink-pyical-'));
  try {
    const files = texts.map((t, i) => {
      const f = join(dir, `${i}.ics`);
      writeFileSync(f, t);
      return f;
    });
    const json = execFileSync(PYTHON, ['-c', SCRIPT, ...files], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    return JSON.parse(json) as ReturnType<typeof readWithPython>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
