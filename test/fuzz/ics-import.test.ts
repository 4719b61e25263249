/**
 * Property-based calendar import and lint: generated calendars (random properties, params,
 * folding, escapes, line endings, garbage lines) and mutations of every real-world file of
 * ../shared/ics-corpus (byte flips, deleted/duplicated lines, truncation, CR/LF changes,
 * huge lines) through POST /api/import and POST /api/lint. Never a 5xx, never a hang over
 * 2 s; a 400 names a line; an import that succeeds keeps every event (VEVENT count) and
 * gives ical.js something it reads whenever it read the input; a refused import stores nothing.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/adapters/store/sqlite.js';
import { anyRule } from '../support/fuzz-rules.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { PUBLIC_URL, bodyText } from '../support/ics-check.js';
import { watchSqliteStore, type StoreWatch } from '../support/store-watch.js';

/** CALLINK_FUZZ_RUNS is the total over both fuzz files; this one takes 30% (its cases cost more). */
const RUNS = Math.ceil(Number(process.env.CALLINK_FUZZ_RUNS ?? 10_000) * 0.3);
const CORPUS = resolve(import.meta.dirname, '../../../shared/ics-corpus');
const corpus = readdirSync(CORPUS, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ics'))
  .sort()
  .map((f) => ({ file: f, bytes: readFileSync(join(CORPUS, f)) }));

let app: TestApp;
let dir: string;
let watch: StoreWatch;
let cases = 0;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callink-icsfuzz-'));
  app = await startTestApp({
    store: await createSqliteStore({ dataDir: dir }),
    env: { CALLINK_PUBLIC_URL: PUBLIC_URL },
  });
  watch = watchSqliteStore(dir);
});
afterAll(async () => {
  console.log(`fuzz ics-import: ${cases} cases (each through import and lint)`);
  watch?.close();
  await app?.close();
  await app?.store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** VEVENTs as a parser would count them: BEGIN:VEVENT at the start of an unfolded line. */
function countEvents(text: string): number {
  return text.replace(/\r?\n[ \t]/g, '').match(/^BEGIN:VEVENT\s*$/gim)?.length ?? 0;
}
function icalReads(text: string): boolean {
  try {
    new ICAL.Component(ICAL.parse(text.replace(/^\ufeff/, '')) as unknown[]);
    return true;
  } catch {
    return false;
  }
}

async function timed(path: string, body: Uint8Array): Promise<{ res: Response; text: string }> {
  const t0 = Date.now();
  const res = await app.api(path, {
    method: 'POST',
    headers: { 'content-type': 'text/calendar' },
    body: body as Uint8Array<ArrayBuffer>,
    signal: AbortSignal.timeout(5000),
  });
  const text = await bodyText(res);
  expect(Date.now() - t0, `${path} took too long`).toBeLessThan(2000);
  return { res, text };
}

/** One calendar through import and lint, with every property the brief promises. */
async function check(input: Uint8Array, label: string): Promise<void> {
  cases++;
  const where = (extra: string) => `${label}: ${extra}`;
  watch.mark();
  // Every other case filters for the future: the path that walks recurrence rules.
  const imp = await timed(`/api/import?mode=all${cases % 2 ? '&future=1' : ''}`, input);
  expect(imp.res.status, where(imp.text.slice(0, 300))).toBeLessThan(500);
  if (imp.res.status >= 400) {
    const err = (JSON.parse(imp.text) as { error: { code: string; message: string } }).error;
    expect(err.code, where(err.message)).toMatch(/^[a-z_]+$/);
    if (imp.res.status === 400) {
      expect(err.code, where(err.message)).toBe('calendar_invalid');
      // An empty body has no line to name; everything else does.
      if (input.length === 0) expect(err.message).toBe('The calendar is empty.');
      else expect(err.message, where('a 400 names a line')).toMatch(/^Line \d+ /);
    } else {
      expect(imp.res.status, where(err.message)).toBe(413);
    }
    expect(watch.changed(), where('a refused import wrote')).toBeNull();
  } else {
    expect(imp.res.status).toBe(200);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(input);
    expect(countEvents(imp.text), where('events lost or added')).toBe(countEvents(text));
    if (icalReads(text))
      expect(icalReads(imp.text), where('ical.js cannot read output')).toBe(true);
  }
  const lint = await timed('/api/lint', input);
  expect(lint.res.status, where(lint.text.slice(0, 300))).toBeLessThan(500);
  if (lint.res.status >= 400) {
    expect(JSON.parse(lint.text), where('lint error shape')).toMatchObject({
      error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) },
    });
  } else {
    expect(JSON.parse(lint.text), where('lint report')).toHaveProperty('problems');
  }
}

// ---------- generated calendars ----------
const tokenName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,12}$/);
const propName = fc.oneof(
  fc.constantFrom(
    'SUMMARY',
    'DESCRIPTION',
    'LOCATION',
    'URL',
    'CONFERENCE',
    'ATTENDEE',
    'ORGANIZER',
    'X-ALT-DESC',
    'RRULE',
    'EXDATE',
    'RECURRENCE-ID',
    'DTSTART',
    'DTEND',
    'DURATION',
    'SEQUENCE',
    'STATUS',
    'X-GOOGLE-CONFERENCE',
  ),
  tokenName.map((n) => `X-${n}`),
  tokenName,
);
const paramValue = fc.oneof(
  fc.stringMatching(/^[^";:,\r\n]{0,20}$/),
  fc.string({ maxLength: 20 }).map((s) => `"${s.replace(/["\r\n]/g, '')}"`),
  fc.string({ maxLength: 10 }),
);
const param = fc
  .tuple(
    fc.oneof(fc.constantFrom('TZID', 'VALUE', 'CN', 'LANGUAGE', 'FMTTYPE'), tokenName),
    paramValue,
  )
  .map(([n, v]) => `;${n}=${v}`);
const textValue = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc
    .array(fc.constantFrom('\\n', '\\,', '\\;', '\\\\', '\\N', '\\', 'a', ' ', 'é', '😀', ':'), {
      maxLength: 30,
    })
    .map((a) => a.join('')),
  fc.constantFrom(
    '20300107T100000',
    '20300107T100000Z',
    '20300107',
    'FREQ=WEEKLY;COUNT=3',
    'FREQ=DAILY;UNTIL=20300110T000000Z',
    'FREQ=DAILY;BYSETPOS=2;COUNT=3',
    'mailto:a@example.org',
    'https://meet.example.test/j/abc',
    'PT1H',
    'garbage',
  ),
);
const property = fc
  .tuple(propName, fc.array(param, { maxLength: 3 }), fc.oneof(textValue, anyRule))
  .map(([n, ps, v]) => `${n}${ps.join('')}:${v.replace(/[\r\n]/g, ' ')}`);
const garbage = fc.oneof(
  fc.string({ maxLength: 80 }).map((s) => s.replace(/[\r\n]/g, '')),
  fc.constantFrom('BEGIN:VEVENT', 'END:VEVENT', 'BEGIN:VALARM', 'END:VCALENDAR', ':', ';;;', ' '),
);
const event = fc
  .record({
    uid: fc.oneof(fc.uuid(), fc.string({ maxLength: 30 }), fc.constant('__proto__')),
    props: fc.array(property, { maxLength: 8 }),
    junk: fc.option(garbage, { freq: 5 }),
  })
  .map(({ uid, props, junk }) => [
    'BEGIN:VEVENT',
    `UID:${uid.replace(/[\r\n]/g, '')}`,
    'DTSTAMP:20300101T000000Z',
    'DTSTART:20300107T100000Z',
    ...props,
    ...(junk !== null ? [junk] : []),
    'END:VEVENT',
  ]);
/** Folds a logical line at random places, with a space or a tab. */
function fold(line: string, cuts: number[], tab: boolean): string {
  if (line.length < 2) return line;
  const at = [...new Set(cuts.map((c) => 1 + (c % (line.length - 1))))].sort((a, b) => a - b);
  let out = '';
  let prev = 0;
  for (const c of at) {
    out += `${line.slice(prev, c)}\r\n${tab ? '\t' : ' '}`;
    prev = c;
  }
  return out + line.slice(prev);
}
const calendar = fc
  .record({
    events: fc.array(event, { maxLength: 5 }),
    calProps: fc.array(property, { maxLength: 3 }),
    cuts: fc.array(fc.array(fc.nat(), { maxLength: 3 }), { maxLength: 60 }),
    tab: fc.boolean(),
    eol: fc.constantFrom('\r\n', '\n', 'mixed'),
    bom: fc.boolean(),
  })
  .map(({ events, calProps, cuts, tab, eol, bom }) => {
    const lines = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//fuzz//EN',
      ...calProps,
      ...events.flat(),
      'END:VCALENDAR',
    ].map((l, i) => fold(l, cuts[i] ?? [], tab));
    let text = lines.join('\r\n') + '\r\n';
    if (eol === '\n') text = text.replace(/\r\n/g, '\n');
    if (eol === 'mixed') text = text.replace(/\r\n/g, (m, off: number) => (off % 3 ? m : '\n'));
    return new TextEncoder().encode((bom ? '\ufeff' : '') + text);
  });

// ---------- mutations of real calendars ----------
type Mutation = (b: Uint8Array) => Uint8Array;
const enc = new TextEncoder();
const lineSplit = (b: Uint8Array) =>
  Buffer.from(b)
    .toString('latin1')
    .split(/(?<=\n)/);
const fromLines = (ls: string[]) => new Uint8Array(Buffer.from(ls.join(''), 'latin1'));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })
    .map((flips) => (b: Uint8Array) => {
      const c = new Uint8Array(b);
      for (const [at, v] of flips) if (c.length) c[at % c.length] = v;
      return c;
    }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 5 })).map(([at, n]) => (b: Uint8Array) => {
    const ls = lineSplit(b);
    ls.splice(at % Math.max(ls.length, 1), n);
    return fromLines(ls);
  }),
  fc
    .tuple(fc.nat(), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }))
    .map(([at, n, times]) => (b: Uint8Array) => {
      const ls = lineSplit(b);
      const i = at % Math.max(ls.length, 1);
      const chunk = ls.slice(i, i + n);
      for (let k = 0; k < times; k++) ls.splice(i, 0, ...chunk);
      return fromLines(ls);
    }),
  fc.nat().map((at) => (b: Uint8Array) => b.slice(0, at % (b.length + 1))),
  fc.constantFrom<Mutation>(
    (b) => enc.encode(Buffer.from(b).toString('latin1').replace(/\r\n/g, '\n')),
    (b) => fromLines([Buffer.from(b).toString('latin1').replace(/\r?\n/g, '\r')]),
    (b) => fromLines([Buffer.from(b).toString('latin1').replace(/\r?\n/g, '\r\r\n')]),
    (b) => fromLines([Buffer.from(b).toString('latin1').replace(/\n/g, '\n ')]),
  ),
  fc
    .tuple(fc.nat(), fc.integer({ min: 1_000, max: 100_000 }), fc.constantFrom('x', 'é', '\\', ';'))
    .map(([at, n, ch]) => (b: Uint8Array) => {
      const ls = lineSplit(b);
      const i = at % Math.max(ls.length, 1);
      const huge = Buffer.from(`DESCRIPTION:${ch.repeat(n)}\r\n`, 'utf8').toString('latin1');
      ls.splice(i, 0, huge);
      return fromLines(ls);
    }),
);

describe('fuzzing calendar import and lint', () => {
  it('finds the corpus', () => expect(corpus.length).toBeGreaterThan(40));

  it('generated calendars: never 5xx or slow, 400 names a line, no event lost', async () => {
    await fc.assert(
      fc.asyncProperty(calendar, async (cal) => check(cal, 'generated')),
      { numRuns: Math.ceil(RUNS * 0.4) },
    );
  }, 300_000);

  it('every corpus file, mutated: never 5xx or slow, 400 names a line, no event lost', async () => {
    // Every file unmutated first, then random mutations spread over all of them.
    for (const c of corpus) await check(new Uint8Array(c.bytes), c.file);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: corpus.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        async (i, ms) => {
          const c = corpus[i]!;
          await check(
            ms.reduce<Uint8Array>((b, m) => m(b), new Uint8Array(c.bytes)),
            `${c.file} mutated`,
          );
        },
      ),
      { numRuns: Math.max(1, Math.ceil(RUNS * 0.6) - corpus.length) },
    );
  }, 300_000);
});
