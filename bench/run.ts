/**
 * npm run bench [-- --json] [-- name-filter]: runs every bench/*.bench.ts, prints a table and,
 * as the last line, one JSON object {"results":[…]}.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assertNoLeftovers, markRun } from '../test/support/leftovers.js';
import type { Bench, BenchResult } from './types.js';

// Everything the benchmarks start carries this mark, so the end can check nothing survived.
const runId = markRun();

const args = process.argv.slice(2);
const jsonOnly = args.includes('--json');
const filters = args.filter((a) => !a.startsWith('--'));
const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const results: BenchResult[] = [];
for (const file of files) {
  if (!jsonOnly) process.stderr.write(`running ${file}…\n`);
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: Bench };
  try {
    results.push(...(await mod.default()));
  } catch (error) {
    process.stderr.write(
      `${file} failed: ${error instanceof Error ? error.stack : String(error)}${error instanceof Error && error.cause ? `\ncaused by: ${String(error.cause)}` : ''}\n`,
    );
    process.exitCode = 1;
  }
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3));
if (!jsonOnly) {
  const rows = results.map((r) => [
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    `${fmt(r.baseline)} ${r.unit}`,
    `${fmt(r.ratio)}×`,
  ]);
  const head = ['benchmark', 'value', 'baseline', 'ratio'];
  const widths = head.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r[i] as string).length)),
  );
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
console.log(
  JSON.stringify({
    results: results.map(({ name, value, unit, baseline, ratio, note }) => ({
      name,
      value,
      unit,
      baseline,
      ratio,
      ...(note ? { note } : {}),
    })),
  }),
);

try {
  await assertNoLeftovers(runId, 'npm run bench');
} catch (error) {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
