/**
 * One measured run in a fresh process, so peak memory (maxRSS) belongs to that run alone:
 * `import-child.ts import|import-again|node-ical FILE` prints {"ms","maxRssMb"}.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ical from 'node-ical';
import { createSqliteStore } from '../src/adapters/store/sqlite.js';
import { cryptoIds, systemClock } from '../src/adapters/system/clock.js';
import { DEFAULT_POLICY } from '../src/core/policy.js';
import { importCalendar } from '../src/core/usecases/import-calendar.js';

const [what, file] = process.argv.slice(2);
const text = readFileSync(file as string, 'utf8');
let ms: number;
if (what === 'node-ical') {
  const t0 = performance.now();
  const parsed = ical.sync.parseICS(text);
  ms = performance.now() - t0;
  if (Object.keys(parsed).length < 10) throw new Error('node-ical read too little');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'callink-bench-import-'));
  const store = await createSqliteStore({ dataDir: dir });
  const deps = {
    store,
    clock: systemClock,
    ids: cryptoIds,
    publicUrl: 'https://meet.example.com',
    policy: DEFAULT_POLICY,
  };
  let input = text;
  if (what === 'import-again') input = (await importCalendar(deps, text, { mode: 'all' })).text;
  const t0 = performance.now();
  const result = await importCalendar(deps, input, { mode: 'all' });
  ms = performance.now() - t0;
  if (what === 'import' && result.summary.linked !== result.summary.events) {
    throw new Error('not every event was linked');
  }
  if (what === 'import-again' && result.text !== input) throw new Error('second pass changed');
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(
  `${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
