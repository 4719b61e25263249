/**
 * Imports link events in transactions of a few hundred (import-calendar.ts linkImport), giving
 * the event loop a turn between them. An import larger than one batch must still link every
 * event exactly once, remember every link, and reuse all of them when imported again; and
 * other requests' queries run between the batches instead of after the whole import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cryptoIds, systemClock } from '../../src/adapters/system/clock.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import type { Store } from '../../src/core/ports.js';
import { importCalendar } from '../../src/core/usecases/import-calendar.js';
import { makeStore } from '../support/app.js';
import { generateCalendar } from '../support/big-calendar.js';

let store: Store;
let cleanup: () => void;
beforeAll(async () => {
  ({ store, cleanup } = await makeStore('sqlite'));
});
afterAll(async () => {
  await store.close();
  cleanup();
});

const deps = () => ({
  store,
  clock: systemClock,
  ids: cryptoIds,
  publicUrl: 'https://meet.example.org',
  policy: DEFAULT_POLICY,
});

/** The link ids written into a calendar (unfolded first: long lines are folded). */
const linksIn = (text: string) => [
  ...text.replace(/\r\n[ \t]/g, '').matchAll(/https:\/\/meet\.example\.org\/j\/(\w+)/g),
];

describe('imports larger than one link batch', () => {
  it('regression: links every series once and reuses every link on a second import', async () => {
    const text = generateCalendar(1500);
    const first = await importCalendar(deps(), text, { mode: 'all' });
    expect(first.summary.linked).toBe(first.summary.events);
    expect(first.summary.newLinks).toBe(first.summary.series);
    expect(first.summary.series).toBeGreaterThan(600); // several batches
    const ids = new Set(linksIn(first.text).map((m) => m[1]));
    expect(ids.size).toBe(first.summary.series);

    const again = await importCalendar(deps(), text, { mode: 'all' });
    expect(again.summary.newLinks).toBe(0);
    expect(new Set(linksIn(again.text).map((m) => m[1]))).toEqual(ids);
  });

  it('lets other queries run between its batches', async () => {
    const text = generateCalendar(3000);
    let linked = 0;
    let total = 0;
    const seen: number[] = [];
    let done = false;
    const importing = importCalendar(deps(), text, {
      mode: 'all',
      onProgress: (n, of) => {
        linked = n;
        total = of;
      },
    }).finally(() => {
      done = true;
    });
    // Queries from "other requests", one after another while the import runs: each records
    // how far the linking was when it was answered.
    while (!done) {
      await store.ping();
      seen.push(linked);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await importing;
    expect(total).toBeGreaterThan(1000);
    // One transaction for everything would answer them only before or after it.
    expect(seen.some((n) => n > 0 && n < total)).toBe(true);
  });
});
