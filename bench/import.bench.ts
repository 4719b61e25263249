/**
 * Importing a 10,000-event (~5 MB) calendar: the full import (scan, 10,000 links created and
 * remembered in SQLite, lines patched) against node-ical parsing the same file alone; a second
 * pass (every event already linked); and peak memory of each, every run in a fresh process.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCalendar } from '../test/support/big-calendar.js';
import { median, type BenchResult } from './types.js';

const EVENTS = 10_000;
const RUNS = 3;

function measure(what: string, file: string): { ms: number; maxRssMb: number } {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'import-child.ts'), what, file],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return JSON.parse(out.trim().split('\n').pop() as string) as { ms: number; maxRssMb: number };
}

export default async function (): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'callink-bench-ics-'));
  try {
    const file = join(dir, 'big.ics');
    const text = generateCalendar(EVENTS);
    writeFileSync(file, text);
    const mb = (Buffer.byteLength(text) / 1024 / 1024).toFixed(1);
    const runs = (what: string) => Array.from({ length: RUNS }, () => measure(what, file));
    const base = runs('node-ical');
    const full = runs('import');
    const again = runs('import-again');
    const ms = (r: { ms: number }[]) => median(r.map((x) => x.ms));
    const rss = (r: { maxRssMb: number }[]) => Math.max(...r.map((x) => x.maxRssMb));
    return [
      {
        name: `import ${EVENTS} events (${mb} MB), links created (baseline: node-ical parse alone)`,
        value: ms(full),
        unit: 'ms',
        baseline: ms(base),
        ratio: ms(full) / ms(base),
      },
      {
        name: `re-import, all already linked (baseline: node-ical parse alone)`,
        value: ms(again),
        unit: 'ms',
        baseline: ms(base),
        ratio: ms(again) / ms(base),
      },
      {
        name: `import peak memory, maxRSS (baseline: node-ical parse alone)`,
        value: rss(full),
        unit: 'MB',
        baseline: rss(base),
        ratio: rss(full) / rss(base),
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
