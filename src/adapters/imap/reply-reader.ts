/**
 * Reads iTIP REPLY mails from a mailbox over IMAP (imapflow) and hands each to the core
 * (processReply), which records it once per Message-ID. Mails without a calendar part are
 * left alone; with CALLINK_IMAP_MOVE_TO set, read replies are moved there, else left where
 * they are. A mailbox that cannot be reached or refuses the password is retried with backoff
 * and its status is shown in /healthz and on the organizer page. No password or URL is ever
 * logged or shown.
 */
import { createHash } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { simpleParser, type Attachment } from 'mailparser';
import type { Logger } from 'pino';
import type { Clock, Store } from '../../core/ports.js';
import { MAX_REPLY_BYTES, processReply } from '../../core/usecases/process-reply.js';

export interface MailboxStatus {
  state: 'starting' | 'ok' | 'error';
  /** The folder read (no host, user or password). */
  folder: string;
  lastCheckAt: string | null;
  lastOkAt: string | null;
  /** A plain sentence: what is wrong and what to check. */
  lastError: string | null;
  failures: number;
  nextAttemptAt: string | null;
  /** Replies processed since start (recorded or skipped). */
  processed: number;
}

export interface ReplyReader {
  status(): MailboxStatus;
  /** Reads the mailbox now (once at a time); resolves with how many replies were processed. */
  checkNow(): Promise<number>;
  stop(): Promise<void>;
}

export interface ImapTarget {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  folder: string;
}

/** imap://user:password@host:port/Folder (imaps:// for TLS); user and password URL-encoded. */
export function parseImapUrl(raw: string): ImapTarget {
  const u = new URL(raw);
  const secure = u.protocol === 'imaps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    folder: decodeURIComponent(u.pathname.replace(/^\/+/, '')) || 'INBOX',
  };
}

const MAX_BACKOFF_MS = 15 * 60_000;

export function mailboxBackoffMs(failures: number, pollMs: number): number {
  return Math.min(MAX_BACKOFF_MS, Math.max(1000, pollMs) * 2 ** Math.max(0, failures - 1));
}

/** A sentence for people, never the server's raw text (it may echo the user name). */
function explain(error: unknown): string {
  const e = error as { authenticationFailed?: boolean; code?: string; message?: string };
  if (
    e.authenticationFailed ||
    /AUTHENTICATIONFAILED|authentication failed/i.test(e.message ?? '')
  ) {
    return 'The mailbox refused the user name or password: check CALLINK_IMAP_URL.';
  }
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'EHOSTUNREACH') {
    return `The mailbox server cannot be reached (${e.code}): check its host and port.`;
  }
  if (e.code === 'ETIMEDOUT' || /timeout/i.test(e.message ?? '')) {
    return 'The mailbox server did not answer in time.';
  }
  if (/mailbox doesn't exist|NONEXISTENT/i.test(e.message ?? '')) {
    return 'The folder to read does not exist in this mailbox.';
  }
  return 'Reading the mailbox failed; it will be tried again.';
}

/** The calendar part of a mail: text/calendar with method=REPLY first, then any .ics. */
export function calendarPart(attachments: readonly Attachment[]): string | undefined {
  const isCal = (a: Attachment) =>
    a.contentType === 'text/calendar' ||
    a.contentType === 'application/ics' ||
    /\.ics$/i.test(a.filename ?? '');
  const reply = attachments.find(
    (a) => isCal(a) && /method=["']?reply/i.test(String(a.headers.get('content-type') ?? '')),
  );
  const chosen = reply ?? attachments.find(isCal);
  return chosen ? chosen.content.toString('utf8') : undefined;
}

export function startReplyReader(deps: {
  url: string;
  moveTo: string | undefined;
  pollMs: number;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Connection timeouts, lower in tests. */
  timeoutMs?: number;
}): ReplyReader {
  const target = parseImapUrl(deps.url);
  const state: MailboxStatus = {
    state: 'starting',
    folder: target.folder,
    lastCheckAt: null,
    lastOkAt: null,
    lastError: null,
    failures: 0,
    nextAttemptAt: null,
    processed: 0,
  };
  let running: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  // Highest UID already looked at, per UIDVALIDITY: a new poll fetches only newer mail.
  let seen = { validity: '', uid: 0 };

  const once = async (): Promise<number> => {
    const timeout = deps.timeoutMs ?? 20_000;
    const client = new ImapFlow({
      host: target.host,
      port: target.port,
      secure: target.secure,
      auth: { user: target.user, pass: target.password },
      logger: false,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout * 3,
      disableAutoIdle: true,
    });
    client.on('error', () => undefined); // surfaced by the awaited call instead
    let processed = 0;
    await client.connect();
    try {
      const box = await client.mailboxOpen(target.folder);
      const validity = String(box.uidValidity);
      if (validity !== seen.validity) seen = { validity, uid: 0 };
      const found = await client.search({ uid: `${seen.uid + 1}:*` }, { uid: true });
      const uids = (found === false ? [] : found).filter((u) => u > seen.uid).sort((a, b) => a - b);
      const toMove: number[] = [];
      for (const uid of uids) {
        const meta = await client.fetchOne(
          String(uid),
          { uid: true, envelope: true, size: true },
          { uid: true },
        );
        if (!meta) continue;
        const size = meta.size ?? 0;
        let messageId = meta.envelope?.messageId?.trim() ?? '';
        let calendar: string | undefined;
        let hasCalendar = false;
        if (size <= MAX_REPLY_BYTES) {
          const full = await client.fetchOne(
            String(uid),
            { uid: true, source: true },
            { uid: true },
          );
          const source = full && full.source ? full.source : Buffer.alloc(0);
          const parsed = await simpleParser(source, { skipHtmlToText: true, skipTextToHtml: true });
          calendar = calendarPart(parsed.attachments);
          hasCalendar = calendar !== undefined;
          if (!messageId) messageId = `sha256:${createHash('sha256').update(source).digest('hex')}`;
        } else {
          // Too big to be a REPLY worth reading; recorded as skipped, never downloaded.
          hasCalendar = true;
          if (!messageId) messageId = `uid:${validity}:${uid}`;
        }
        if (hasCalendar) {
          const result = await processReply(
            { store: deps.store, clock: deps.clock },
            { messageId, calendar, size },
          );
          if (result) processed++;
          toMove.push(uid);
        }
        seen.uid = Math.max(seen.uid, uid);
      }
      if (deps.moveTo && toMove.length > 0) {
        await client.mailboxCreate(deps.moveTo).catch(() => undefined);
        await client.messageMove(toMove.join(','), deps.moveTo, { uid: true });
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
    return processed;
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    state.nextAttemptAt = new Date(deps.clock.now().getTime() + ms).toISOString();
    timer = setTimeout(() => void checkNow().catch(() => undefined), ms);
    timer.unref();
  };

  const checkNow = (): Promise<number> => {
    running ??= (async () => {
      state.lastCheckAt = deps.clock.now().toISOString();
      try {
        const n = await once();
        state.state = 'ok';
        state.lastError = null;
        state.failures = 0;
        state.lastOkAt = deps.clock.now().toISOString();
        state.processed += n;
        schedule(deps.pollMs);
        return n;
      } catch (error) {
        state.state = 'error';
        state.failures++;
        state.lastError = explain(error);
        deps.logger.warn({ failures: state.failures, reason: state.lastError }, 'mailbox not read');
        schedule(mailboxBackoffMs(state.failures, deps.pollMs));
        throw error;
      }
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  schedule(0);
  return {
    status: () => ({ ...state }),
    checkNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
