/**
 * PostgreSQL store, chosen by CALLINK_DATABASE_URL. Several callink instances may share it.
 */
import pg from 'pg';
import { AppError } from '../../core/errors.js';
import type { Store } from '../../core/ports.js';
import type { Sql, SqlValue } from './sql.js';
import { openStore } from './open.js';
import { createPgBus } from './pg-bus.js';

// BIGINT (ms timestamps, counts) as numbers: every value we store fits in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Connection-level failures (server down, restarting, network cut) become `unavailable`
 * (HTTP 503) at once instead of a generic 500 or a hang: callers can retry, and nothing
 * half-written is reported as stored.
 */
export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  const code = e.code ?? '';
  return (
    code.startsWith('08') || // connection exception
    code === '57P01' || // admin shutdown
    code === '57P02' ||
    code === '57P03' || // cannot connect now (starting up / shutting down)
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH'].includes(
      code,
    ) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout/i.test(
      e.message ?? '',
    )
  );
}

async function guard<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isConnectionError(error)) {
      throw new AppError(
        'unavailable',
        'The database is not reachable right now. Try again shortly.',
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

/** Rewrites `?` placeholders to `$1…$n`. Our SQL never has a literal `?`. */
export function toPg(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

function sqlOn(client: pg.Pool | pg.PoolClient, pool: pg.Pool, inTx = false): Sql {
  const self: Sql = {
    dialect: 'postgres',
    async all<T>(text: string, params: readonly SqlValue[] = []) {
      const res = await guard(client.query(toPg(text), params as SqlValue[]));
      return res.rows as T[];
    },
    async get<T>(text: string, params: readonly SqlValue[] = []) {
      const res = await guard(client.query(toPg(text), params as SqlValue[]));
      return res.rows[0] as T | undefined;
    },
    async run(text: string, params: readonly SqlValue[] = []) {
      const res = await guard(client.query(toPg(text), params as SqlValue[]));
      return { changes: res.rowCount ?? 0 };
    },
    async tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
      if (inTx) return fn(self);
      const own = client === pool;
      const conn = own ? await guard(pool.connect()) : (client as pg.PoolClient);
      let broken: Error | undefined;
      try {
        await guard(conn.query('BEGIN'));
        const result = await fn(sqlOn(conn, pool, true));
        await guard(conn.query('COMMIT'));
        return result;
      } catch (error) {
        await conn.query('ROLLBACK').catch((e: Error) => (broken = e));
        throw error;
      } finally {
        // A client whose connection broke is destroyed, not put back in the pool.
        if (own) conn.release(broken);
      }
    },
  };
  return self;
}

const MIGRATION_LOCK = 4242001;
/** How long an instance waits for another one's migration before it gives up, by default. */
export const MIGRATION_WAIT_MS = 5 * 60_000;

/**
 * Runs fn holding the migration lock on a connection of its own, outside the pool: the pool's
 * query timeout must neither cut the wait for another instance's migration nor a long
 * migration itself. The wait is bounded by `waitMs`, with a message that says why.
 */
async function withMigrationLock<T>(
  options: { url: string; waitMs: number },
  pool: pg.Pool,
  fn: (db: Sql) => Promise<T>,
): Promise<T> {
  const conn = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: 5000 });
  conn.on('error', () => undefined);
  await guard(conn.connect());
  try {
    const t0 = Date.now();
    for (let delay = 50; ; delay = Math.min(1000, delay * 2)) {
      const got = await guard(
        conn.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [MIGRATION_LOCK]),
      );
      if (got.rows[0]?.ok) break;
      if (Date.now() - t0 >= options.waitMs) {
        throw new AppError(
          'unavailable',
          `Another callink instance has held the database migration lock for ${Math.round(
            (Date.now() - t0) / 1000,
          )} s: giving up. Start this instance again once that migration has finished (or raise CALLINK_MIGRATION_WAIT_SECONDS).`,
        );
      }
      await new Promise((r) => setTimeout(r, delay));
    }
    try {
      return await fn(sqlOn(conn as unknown as pg.PoolClient, pool));
    } finally {
      await conn.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    }
  } finally {
    await conn.end().catch(() => undefined);
  }
}

export async function createPostgresStore(options: {
  url: string;
  max?: number;
  /** Longest wait for another instance's migration (default 5 minutes). */
  migrationWaitMs?: number;
}): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 2000,
    // Fail fast instead of queueing forever when the database is gone.
    query_timeout: 10000,
  });
  pool.on('error', () => undefined); // idle client errors surface on the next query instead
  const sql = sqlOn(pool, pool);
  // Migrations from several instances starting together must not race: one session lock
  // held on one connection for the whole run.
  const waitMs = options.migrationWaitMs ?? MIGRATION_WAIT_MS;
  const locked = <T>(fn: (db: Sql) => Promise<T>): Promise<T> =>
    withMigrationLock({ url: options.url, waitMs }, pool, fn);
  const bus = createPgBus(options.url, pool);
  const close = async () => {
    await bus.close();
    await pool.end();
  };
  return openStore('postgres', sql, close, locked, bus);
}
