/**
 * Every real-world calendar of ../shared/ics-corpus through POST /api/import: each comes back
 * intact with a link on every event, or is refused with a 400 naming the line. Never a crash,
 * a hang or a silently dropped event.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  LINK_RE,
  PUBLIC_URL,
  assertIntact,
  bodyText,
  readWithIcalJs,
  readWithPython,
  type ParsedEvent,
} from '../support/ics-check.js';

const CORPUS = resolve(import.meta.dirname, '../../../shared/ics-corpus');
const files = readdirSync(CORPUS, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ics'))
  .sort();

interface Outcome {
  file: string;
  input: string;
  output?: string;
  rejected?: string;
}

describe('the real-world corpus', () => {
  let app: TestApp;
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    app = await startTestApp({ env: { CALLINK_PUBLIC_URL: PUBLIC_URL } });
  });
  afterAll(async () => {
    const ok = outcomes.filter((o) => o.output !== undefined).length;
    console.log(
      `corpus: ${files.length} files, ${ok} came back intact with links, ` +
        `${outcomes.length - ok} refused with 400: ${outcomes
          .filter((o) => o.rejected)
          .map((o) => `${o.file} (${o.rejected})`)
          .join('; ')}`,
    );
    await app.close();
  });

  const post = (text: string, query = 'mode=all') =>
    app.api(`/api/import?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/calendar' },
      body: text,
    });

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files)('imports %s whole, or refuses it naming the line', async (file) => {
    const input = readFileSync(join(CORPUS, file), 'utf8');
    const res = await post(input);
    if (res.status === 400) {
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('calendar_invalid');
      expect(body.error.message).toMatch(/^Line \d+ /);
      outcomes.push({ file, input, rejected: body.error.message });
      return;
    }
    expect(res.status).toBe(200);
    const output = await bodyText(res);
    assertIntact(input, output);
    outcomes.push({ file, input, output });
    // Running the output or the original again changes nothing.
    expect(await bodyText(await post(output))).toBe(output);
    expect(await bodyText(await post(input))).toBe(output);
    // The interpreting filter never crashes either.
    expect([200, 400]).toContain((await post(input, 'mode=all&future=1')).status);
  });

  const everyEventLinked = (events: ParsedEvent[]) => {
    for (const ev of events) {
      expect(ev.conference.some((c) => LINK_RE.test(c))).toBe(true);
      expect(ev.location).toMatch(LINK_RE);
      expect(ev.description?.split('\n')[0]).toMatch(LINK_RE);
    }
  };

  it('gives every event a link that ical.js reads, wherever it reads the original', () => {
    let compared = 0;
    for (const o of outcomes.filter((x) => x.output !== undefined)) {
      let before: ParsedEvent[];
      try {
        before = readWithIcalJs(o.input);
      } catch {
        continue; // ical.js refuses the original too: nothing to compare
      }
      compared++;
      const after = readWithIcalJs(o.output as string);
      expect(
        after.map((e) => e.uid),
        o.file,
      ).toEqual(before.map((e) => e.uid));
      everyEventLinked(after);
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('gives every event a link that python3-icalendar reads, wherever it reads the original', () => {
    const done = outcomes.filter((x) => x.output !== undefined);
    const before = readWithPython(done.map((o) => o.input));
    const after = readWithPython(done.map((o) => o.output as string));
    let compared = 0;
    done.forEach((o, k) => {
      const b = before[k]!;
      const a = after[k]!;
      if (!b.ok) return;
      compared++;
      expect(a.ok, `${o.file}: ${a.ok ? '' : a.error}`).toBe(true);
      if (!a.ok) return;
      expect(
        a.events.map((e) => e.uid),
        o.file,
      ).toEqual(b.events.map((e) => e.uid));
      everyEventLinked(a.events);
    });
    expect(compared).toBeGreaterThan(40);
  });
});
