/**
 * `callink attach IN.ics [-o OUT.ics]`: the import, offline, against the configured store (the
 * same links and UID mappings as the server).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cryptoIds, systemClock } from '../adapters/system/clock.js';
import { AppError } from '../core/errors.js';
import { decodeCalendar } from '../core/ics/decode.js';
import { DEFAULT_POLICY } from '../core/policy.js';
import {
  importCalendar,
  type ImportMode,
  type ImportSummary,
} from '../core/usecases/import-calendar.js';
import { withStore, type CliCommand } from './context.js';

/** Files above this size get a progress bar on an interactive terminal. */
const PROGRESS_FROM_BYTES = 1024 * 1024;

export function describeSummary(s: ImportSummary, dryRun: boolean): string {
  const parts = [
    `${dryRun ? 'Would add' : 'Added'} call links to ${s.linked} of ${s.events} events ` +
      `(${s.series} series, ${s.newLinks} new links)`,
  ];
  if (s.alreadyLinked) parts.push(`${s.alreadyLinked} already had a callink link`);
  if (s.hadOtherCall) parts.push(`${s.hadOtherCall} carry another call (--mode all adds ours)`);
  if (s.filteredOut) parts.push(`${s.filteredOut} filtered out`);
  return `${parts.join('; ')}.${dryRun ? ' Nothing was written.' : ''}`;
}

function progressBar(): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    const pct = Math.floor((done / Math.max(total, 1)) * 100);
    if (pct === last && done !== total) return;
    last = pct;
    const width = 30;
    const fill = Math.round((pct / 100) * width);
    process.stderr.write(
      `\r[${'#'.repeat(fill)}${' '.repeat(width - fill)}] ${pct}% ${done}/${total} series`,
    );
    if (done === total) process.stderr.write('\n');
  };
}

export const attachCommand: CliCommand = {
  usage: `  attach IN.ics [-o OUT.ics] [--mode missing|all] [--future] [--attendees]
         [--summary PATTERN] [--dry-run] [--json]
                                          add call links to a calendar file (stdout without -o)`,
  async run(args, { config, io }) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        output: { type: 'string', short: 'o' },
        mode: { type: 'string', default: 'missing' },
        future: { type: 'boolean' },
        attendees: { type: 'boolean' },
        summary: { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
    const input = positionals[0];
    if (!input || positionals.length > 1) {
      throw new AppError('bad_request', 'Give one calendar file: callink attach IN.ics -o OUT.ics');
    }
    if (values.mode !== 'missing' && values.mode !== 'all') {
      throw new AppError('bad_request', '--mode is "missing" or "all".');
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(input);
    } catch (error) {
      throw new AppError('not_found', `Cannot read ${input}.`, { cause: error });
    }
    if (bytes.length > config.importLimits.maxBytes) {
      throw new AppError(
        'payload_too_large',
        `${input} is larger than ${config.importLimits.maxBytes} bytes (CALLINK_IMPORT_MAX_BYTES).`,
      );
    }
    const text = decodeCalendar(bytes);
    const dryRun = values['dry-run'] === true;
    const showProgress = !dryRun && process.stderr.isTTY && bytes.length >= PROGRESS_FROM_BYTES;
    const result = await withStore(config, (store) =>
      importCalendar(
        {
          store,
          clock: systemClock,
          ids: cryptoIds,
          publicUrl: config.publicUrl,
          policy: DEFAULT_POLICY,
        },
        text,
        {
          mode: values.mode as ImportMode,
          futureOnly: values.future === true,
          attendeesOnly: values.attendees === true,
          ...(values.summary !== undefined ? { summary: values.summary } : {}),
          dryRun,
          maxEvents: config.importLimits.maxEvents,
          maxMs: config.importLimits.maxMs,
          ...(showProgress ? { onProgress: progressBar() } : {}),
        },
      ),
    );
    const report = values.json
      ? JSON.stringify({ dryRun, ...result.summary })
      : describeSummary(result.summary, dryRun);
    if (dryRun) {
      io.out(report);
      return 0;
    }
    if (values.output) {
      // Write next to the target and rename, so a failure never leaves half a calendar.
      const tmp = `${values.output}.callink-tmp`;
      writeFileSync(tmp, result.text);
      renameSync(tmp, values.output);
      io.err(report);
    } else {
      process.stdout.write(result.text);
      io.err(report);
    }
    return 0;
  },
};
