/**
 * The only reader of process.env. Validates everything once at start and reports every
 * problem at once; the result is frozen. Secrets are kept out of toString/JSON.
 */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const url = z.url({ protocol: /^https?$/ });
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
/** An address, a subnet (address/bits) or one of Express's names for address ranges. */
const proxyEntry = (v: string) => {
  if (PROXY_NAMES.has(v)) return true;
  const [ip = '', bits, ...rest] = v.split('/');
  const family = isIP(ip);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d+$/.test(bits) && +bits <= (family === 4 ? 32 : 128));
};
/**
 * The forms Express's "trust proxy" takes: true/false, a number of hops, or a comma list of
 * addresses, subnets and loopback/linklocal/uniquelocal ("true" used to crash at start and "1"
 * was read as an address).
 */
const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): boolean | number | string[] => {
    if (v === 'true') return true;
    if (v === 'false') return false;
    if (/^\d+$/.test(v)) return Number(v);
    const list = v.split(',').map((s) => s.trim());
    const bad = list.filter((s) => !proxyEntry(s));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `use true, false, a number of proxies, or addresses/subnets (not ${bad.join(', ')})`,
      });
      return z.NEVER;
    }
    return list;
  });

const schema = z.object({
  PORT: optional(port).default(8080),
  HOST: optional(z.string().min(1)).default('127.0.0.1'),
  CALLINK_PUBLIC_URL: optional(url),
  CALLINK_DATA_DIR: optional(z.string().min(1)).default('./data'),
  CALLINK_DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/ })),
  CALLINK_ADMIN_TOKEN: optional(z.string().min(16, 'must be at least 16 characters')),
  // One node, or several (comma-separated) sharing one Redis: joins go to the next on failure.
  LIVEKIT_URL: optional(
    z
      .string()
      .transform((v) => v.split(',').map((u) => u.trim()))
      .pipe(z.array(z.url({ protocol: /^(wss?|https?)$/ })).min(1)),
  ),
  LIVEKIT_API_KEY: optional(z.string().min(1)),
  LIVEKIT_API_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  CALLINK_LOG_LEVEL: optional(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  ).default('info'),
  CALLINK_TRUST_PROXY: optional(trustProxy),
  CALLINK_HOST_KEY_TTL_DAYS: optional(z.coerce.number().int().min(1).max(3650)).default(90),
  CALLINK_JOIN_PAGES_PER_MINUTE: optional(z.coerce.number().int().min(1)).default(120),
  CALLINK_LIVEKIT_BIN: optional(z.string().min(1)),
  CALLINK_LIVEKIT_PORT: optional(port).default(7880),
  CALLINK_KNOCK_WEBHOOK: optional(url),
  PATH: optional(z.string()),
  CALLINK_IMPORT_MAX_BYTES: optional(z.coerce.number().int().min(1024)).default(10 * 1024 * 1024),
  CALLINK_IMPORT_MAX_EVENTS: optional(z.coerce.number().int().min(1)).default(50_000),
  CALLINK_IMPORT_MAX_MS: optional(z.coerce.number().int().min(100)).default(20_000),
  CALLINK_JOB_WORKERS: optional(z.coerce.number().int().min(1).max(64)),
  CALLINK_JOB_QUEUE: optional(z.coerce.number().int().min(0).max(10_000)).default(16),
  CALLINK_JOB_TIMEOUT_MS: optional(z.coerce.number().int().min(100)).default(30_000),
  CALLINK_JOB_MEMORY_MB: optional(z.coerce.number().int().min(64)).default(1024),
  CALLINK_CALDAV_URL: optional(url),
  CALLINK_CALDAV_USER: optional(z.string()),
  CALLINK_CALDAV_PASSWORD: optional(z.string()),
  CALLINK_SMTP_URL: optional(z.url({ protocol: /^smtps?$/ })),
  CALLINK_MAIL_FROM: optional(z.string().min(3)),
  CALLINK_REDIS_URL: optional(z.url({ protocol: /^rediss?$/ })),
  CALLINK_MIGRATION_WAIT_SECONDS: optional(z.coerce.number().int().min(1)).default(300),
  CALLINK_OUTBOX_LEASE_SECONDS: optional(z.coerce.number().int().min(1).max(3600)).default(60),
  CALLINK_IMAP_URL: optional(z.url({ protocol: /^imaps?$/ })),
  CALLINK_IMAP_MOVE_TO: optional(z.string().min(1).max(200)),
  CALLINK_IMAP_POLL_SECONDS: optional(z.coerce.number().int().min(5)).default(60),
});

export interface LiveKitConfig {
  /** The first node; `urls` holds every node named in LIVEKIT_URL. */
  url: string;
  urls: readonly string[];
  apiKey: string;
  apiSecret: string;
}

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminToken: string | undefined;
  /** Set when the environment names an external LiveKit; else the local dev server is used. */
  livekit: LiveKitConfig | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  trustProxy: boolean | number | string[] | undefined;
  /** How long a new host key works (days). */
  hostKeyTtlDays: number;
  /** Per-IP limit on /j/* pages. */
  joinPagesPerMinute: number;
  /** The local dev LiveKit (used when `livekit` is unset): binary, port, where to look for it. */
  localLivekit: { bin: string | undefined; port: number; searchPath: string | undefined };
  /** Knocks on a lobby are POSTed here as JSON, so they reach someone when no host is in the call. */
  knockWebhook: string | undefined;
  /** Calendar import: body size (413 above it), events per file, time to read a file. */
  importLimits: { maxBytes: number; maxEvents: number; maxMs: number };
  /**
   * Heavy work (import, lint, feed builds) runs in a worker pool: workers (undefined: from the
   * cores), jobs that may wait, and each job's time and old-generation memory limits.
   */
  jobs: { workers: number | undefined; queue: number; timeoutMs: number; maxMemoryMb: number };
  /** Defaults for `callink caldav sync`; flags override them. */
  caldav: { url: string | undefined; user: string | undefined; password: string | undefined };
  /** Set: invites are mailed through this SMTP server (smtp:// or smtps://). */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Set: rate limits and lobby wake-ups are shared through this Redis (several instances). */
  redisUrl: string | undefined;
  /** Longest wait at start for another instance's database migration. */
  migrationWaitSeconds: number;
  /** How long a worker holds the mail it claimed; one send must fit well within it. */
  outboxLeaseSeconds: number;
  /** Set: iTIP REPLYs are read from this mailbox (imap:// or imaps://, folder in the path). */
  imap: { mailboxUrl: string; moveTo: string | undefined; pollSeconds: number } | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const SECRET_KEYS = new Set([
  'adminToken',
  'apiSecret',
  'databaseUrl',
  'knockWebhook',
  'password',
  'redisUrl',
  'smtpUrl',
  'mailboxUrl',
]);

export function loadConfig(env: Record<string, string | undefined>): Readonly<Config> {
  const parsed = schema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  const lk = [env.LIVEKIT_URL, env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET].filter((v) => v);
  if (lk.length > 0 && lk.length < 3) {
    problems.push('LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET must be set together');
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;
  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.CALLINK_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    dataDir: resolve(e.CALLINK_DATA_DIR),
    databaseUrl: e.CALLINK_DATABASE_URL,
    adminToken: e.CALLINK_ADMIN_TOKEN,
    livekit:
      e.LIVEKIT_URL && e.LIVEKIT_API_KEY && e.LIVEKIT_API_SECRET
        ? {
            url: e.LIVEKIT_URL[0] ?? '',
            urls: e.LIVEKIT_URL,
            apiKey: e.LIVEKIT_API_KEY,
            apiSecret: e.LIVEKIT_API_SECRET,
          }
        : undefined,
    logLevel: e.CALLINK_LOG_LEVEL,
    trustProxy: e.CALLINK_TRUST_PROXY,
    hostKeyTtlDays: e.CALLINK_HOST_KEY_TTL_DAYS,
    joinPagesPerMinute: e.CALLINK_JOIN_PAGES_PER_MINUTE,
    localLivekit: {
      bin: e.CALLINK_LIVEKIT_BIN,
      port: e.CALLINK_LIVEKIT_PORT,
      searchPath: e.PATH,
    },
    knockWebhook: e.CALLINK_KNOCK_WEBHOOK,
    importLimits: {
      maxBytes: e.CALLINK_IMPORT_MAX_BYTES,
      maxEvents: e.CALLINK_IMPORT_MAX_EVENTS,
      maxMs: e.CALLINK_IMPORT_MAX_MS,
    },
    jobs: {
      workers: e.CALLINK_JOB_WORKERS,
      queue: e.CALLINK_JOB_QUEUE,
      timeoutMs: e.CALLINK_JOB_TIMEOUT_MS,
      maxMemoryMb: e.CALLINK_JOB_MEMORY_MB,
    },
    caldav: {
      url: e.CALLINK_CALDAV_URL,
      user: e.CALLINK_CALDAV_USER,
      password: e.CALLINK_CALDAV_PASSWORD,
    },
    smtpUrl: e.CALLINK_SMTP_URL,
    mailFrom: e.CALLINK_MAIL_FROM ?? 'callink <callink@localhost>',
    redisUrl: e.CALLINK_REDIS_URL,
    migrationWaitSeconds: e.CALLINK_MIGRATION_WAIT_SECONDS,
    outboxLeaseSeconds: e.CALLINK_OUTBOX_LEASE_SECONDS,
    imap: e.CALLINK_IMAP_URL
      ? {
          mailboxUrl: e.CALLINK_IMAP_URL,
          moveTo: e.CALLINK_IMAP_MOVE_TO,
          pollSeconds: e.CALLINK_IMAP_POLL_SECONDS,
        }
      : undefined,
  };
  return deepFreeze(config);
}

/** A copy safe to log: secrets replaced by a marker. */
export function redactConfig(config: Readonly<Config>): Record<string, unknown> {
  const redact = (obj: object): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(obj).map(([k, v]) => [
        k,
        SECRET_KEYS.has(k) && v !== undefined
          ? '[redacted]'
          : v && typeof v === 'object'
            ? redact(v as object)
            : v,
      ]),
    );
  return redact(config);
}

function deepFreeze<T extends object>(obj: T): Readonly<T> {
  for (const v of Object.values(obj)) if (v && typeof v === 'object') deepFreeze(v as object);
  return Object.freeze(obj);
}
