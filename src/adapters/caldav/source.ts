/**
 * CalendarSource over CalDAV (tsdav): iCloud, Fastmail, Nextcloud, Radicale. Talks to one
 * calendar collection URL with Basic auth. Errors come out as one-line AppErrors that name the
 * server's origin, never the credentials.
 */
import { fetchCalendarObjects, updateCalendarObject } from 'tsdav';
import { AppError } from '../../core/errors.js';
import type { CalendarObject, CalendarSource } from '../../core/ports.js';

export interface CalDavOptions {
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  timeoutMs?: number;
}

function networkError(origin: string, error: unknown): AppError {
  const cause = (error as { cause?: { code?: string } }).cause;
  const code =
    cause?.code ?? (error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : '');
  return new AppError(
    'unavailable',
    `Cannot reach the CalDAV server at ${origin}${code ? ` (${code})` : ''}.`,
  );
}

export function createCalDavSource(options: CalDavOptions): CalendarSource {
  const parsed = new URL(options.url);
  // Credentials in the URL are accepted, moved to the header and kept out of every message.
  const username = options.username ?? (decodeURIComponent(parsed.username) || undefined);
  const password = options.password ?? (decodeURIComponent(parsed.password) || undefined);
  parsed.username = '';
  parsed.password = '';
  const url = parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
  const origin = parsed.origin;
  const headers: Record<string, string> =
    username !== undefined || password !== undefined
      ? {
          authorization: `Basic ${Buffer.from(`${username ?? ''}:${password ?? ''}`).toString('base64')}`,
        }
      : {};
  const timeoutMs = options.timeoutMs ?? 15_000;

  /** fetch with our auth and timeout; network failures become one-line errors. */
  const send: typeof fetch = async (input, init = {}) => {
    try {
      return await fetch(input, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), ...headers },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw networkError(origin, error);
    }
  };

  const failIfBad = (res: Response, what: string) => {
    if (res.status === 401) {
      throw new AppError(
        'unauthorized',
        `The CalDAV server at ${origin} refused the user name or password.`,
      );
    }
    if (res.status === 403) {
      throw new AppError('forbidden', `The CalDAV server at ${origin} does not allow ${what}.`);
    }
    if (res.status === 404) throw new AppError('not_found', `No calendar at ${url}.`);
    if (res.status >= 400) {
      throw new AppError(
        'unavailable',
        `The CalDAV server at ${origin} answered ${res.status} to ${what}.`,
      );
    }
  };

  const calendar = { url };
  const toObject = (o: { url: string; etag?: string; data?: unknown }): CalendarObject => ({
    url: new URL(o.url, url).href,
    etag: o.etag,
    data: typeof o.data === 'string' ? o.data : '',
  });

  return {
    async check() {
      const res = await send(url, {
        method: 'PROPFIND',
        headers: { depth: '0', 'content-type': 'application/xml; charset=utf-8' },
        body: '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>',
      });
      failIfBad(res, 'reading the calendar');
      const xml = await res.text();
      // resourcetype holds <C:calendar/> (any prefix) for a calendar collection.
      if (!/<(?:[\w-]+:)?calendar\b(?!-)[^>]*>/i.test(xml)) {
        throw new AppError('not_found', `${url} is not a calendar (give the calendar's own URL).`);
      }
    },
    async list(range) {
      const objects = await fetchCalendarObjects({
        calendar,
        timeRange: { start: range.start.toISOString(), end: range.end.toISOString() },
        urlFilter: (u) => new URL(u, url).href !== url,
        fetch: send,
      });
      return objects.map(toObject).filter((o) => o.data !== '');
    },
    async get(objectUrl) {
      const res = await send(objectUrl, { method: 'GET' });
      if (res.status === 404) return undefined;
      failIfBad(res, 'reading an event');
      return { url: objectUrl, etag: res.headers.get('etag') ?? undefined, data: await res.text() };
    },
    async update(object, data) {
      const res = await updateCalendarObject({
        calendarObject: { url: object.url, etag: object.etag, data },
        headers: { 'content-type': 'text/calendar; charset=utf-8' },
        fetch: send,
      });
      if (res.status === 412) return 'conflict';
      failIfBad(res, 'changing an event');
      return 'ok';
    },
  };
}
