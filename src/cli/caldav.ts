/**
 * `callink caldav sync`: add call links in place to the upcoming events of a CalDAV calendar,
 * once or every INTERVAL with --watch. Credentials come from flags or CALLINK_CALDAV_* and are
 * never printed.
 */
import { parseArgs } from 'node:util';
import { createCalDavSource } from '../adapters/caldav/source.js';
import { cryptoIds, systemClock } from '../adapters/system/clock.js';
import { AppError } from '../core/errors.js';
import { DEFAULT_POLICY } from '../core/policy.js';
import type { ImportMode } from '../core/usecases/import-calendar.js';
import { syncCalendar, type SyncSummary } from '../core/usecases/sync-calendar.js';
import { withStore, type CliCommand } from './context.js';

/** `90`, `90s`, `5m`, `1h` → milliseconds. */
export function parseInterval(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const n = m ? Number(m[1]) * (unit[m[2] ?? 's'] ?? NaN) : NaN;
  if (!Number.isFinite(n) || n < 1000) {
    throw new AppError(
      'bad_request',
      '--watch takes an interval of at least 1s, like 30s, 5m or 1h.',
    );
  }
  return n;
}

function describe(s: SyncSummary, dryRun: boolean): string {
  const parts = [
    `${s.objects} upcoming calendar objects`,
    `${s.updated} ${dryRun ? 'would be updated' : 'updated'} (${s.linked} events, ${s.newLinks} new links)`,
  ];
  if (s.alreadyLinked) parts.push(`${s.alreadyLinked} events already linked`);
  if (s.hadOtherCall) parts.push(`${s.hadOtherCall} carry another call`);
  if (s.retried) parts.push(`${s.retried} re-read after a concurrent change`);
  if (s.answers) parts.push(`${s.answers} attendee answers read back`);
  if (s.failed.length) {
    parts.push(
      `${s.failed.length} left unchanged: ${s.failed.map((f) => `${f.url} (${f.reason})`).join(', ')}`,
    );
  }
  return `caldav sync: ${parts.join('; ')}.`;
}

export const caldavCommand: CliCommand = {
  usage: `  caldav sync --url CALENDAR_URL [--user U --password P] [--mode missing|all]
              [--days N] [--dry-run] [--watch INTERVAL] [--json]
                                          add call links to upcoming events of a CalDAV calendar`,
  async run([sub, ...rest], { config, io }) {
    if (sub !== 'sync')
      throw new AppError('bad_request', `Unknown caldav command: ${sub ?? '(none)'}`);
    const { values } = parseArgs({
      args: rest,
      options: {
        url: { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        mode: { type: 'string', default: 'missing' },
        days: { type: 'string' },
        'dry-run': { type: 'boolean' },
        watch: { type: 'string' },
        json: { type: 'boolean' },
      },
      strict: true,
    });
    const url = values.url ?? config.caldav.url;
    if (!url)
      throw new AppError('bad_request', 'Give the calendar with --url (or CALLINK_CALDAV_URL).');
    if (!/^https?:\/\//i.test(url))
      throw new AppError('bad_request', '--url must be an http(s) URL.');
    if (values.mode !== 'missing' && values.mode !== 'all') {
      throw new AppError('bad_request', '--mode is "missing" or "all".');
    }
    const days = values.days === undefined ? undefined : Number(values.days);
    if (days !== undefined && !(Number.isInteger(days) && days > 0 && days <= 3660)) {
      throw new AppError('bad_request', '--days is a whole number of days, 1 to 3660.');
    }
    const interval = values.watch === undefined ? undefined : parseInterval(values.watch);
    const dryRun = values['dry-run'] === true;
    const source = createCalDavSource({
      url,
      username: values.user ?? config.caldav.user,
      password: values.password ?? config.caldav.password,
    });

    return withStore(config, async (store) => {
      const deps = {
        store,
        clock: systemClock,
        ids: cryptoIds,
        publicUrl: config.publicUrl,
        policy: DEFAULT_POLICY,
        source,
      };
      const once = async () => {
        const summary = await syncCalendar(deps, {
          mode: values.mode as ImportMode,
          dryRun,
          ...(days !== undefined ? { days } : {}),
        });
        io.out(values.json ? JSON.stringify({ dryRun, ...summary }) : describe(summary, dryRun));
        return summary;
      };
      if (interval === undefined) {
        const summary = await once();
        return summary.failed.length > 0 ? 1 : 0;
      }
      // Watch: run until SIGINT/SIGTERM. A server that is down may come back, so that is
      // reported and retried; refused credentials will not fix themselves, so they end it.
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        while (!stop.signal.aborted) {
          try {
            await once();
          } catch (error) {
            if (!(error instanceof AppError) || error.code !== 'unavailable') throw error;
            io.err(`callink: ${error.message}`);
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, interval);
            stop.signal.addEventListener('abort', () => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        return 0;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
  },
};
