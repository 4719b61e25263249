/**
 * Component-test harness: createApp on an ephemeral port with a real store (SQLite in a temp
 * dir, or a fresh PostgreSQL database), driven over HTTP.
 */
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { hashSecret } from '../../src/adapters/auth/secrets.js';
import { createApp, type AppOptions } from '../../src/adapters/http/app.js';
import type { AppDeps } from '../../src/adapters/http/context.js';
import { createPostgresStore } from '../../src/adapters/store/postgres.js';
import { createSqliteStore } from '../../src/adapters/store/sqlite.js';
import { cryptoIds, systemClock } from '../../src/adapters/system/clock.js';
import { policyReader } from '../../src/core/usecases/policy.js';
import type { Store } from '../../src/core/ports.js';
import { createLogger } from '../../src/logger.js';

export const TEST_TOKEN = 'test-admin-token-0123456789';

export interface TestApp {
  url: string;
  store: Store;
  deps: AppDeps;
  /** Everything the app logged, as text. */
  logs: () => string;
  api(
    path: string,
    init?: RequestInit & { json?: unknown; token?: string | null },
  ): Promise<Response>;
  close(): Promise<void>;
}

export async function makeStore(
  kind: 'sqlite' | 'postgres',
  pgUrl?: string,
): Promise<{ store: Store; cleanup: () => void }> {
  if (kind === 'postgres') {
    if (!pgUrl) throw new Error('PostgreSQL URL missing');
    return { store: await createPostgresStore({ url: pgUrl }), cleanup: () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'callink-test-'));
  return {
    store: await createSqliteStore({ dataDir: dir }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function startTestApp(
  options: {
    store?: Store;
    overrides?: Partial<AppDeps>;
    env?: Record<string, string>;
    appOptions?: AppOptions;
    /** Listen on this port (default: any free one). */
    port?: number;
  } = {},
): Promise<TestApp> {
  const made = options.store
    ? { store: options.store, cleanup: () => undefined }
    : await makeStore('sqlite');
  let logText = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logText += chunk.toString();
      cb();
    },
  });
  const config = loadConfig({
    PORT: '0',
    CALLINK_PUBLIC_URL: 'http://localhost:9999',
    ...options.env,
  });
  const deps: AppDeps = {
    config,
    store: made.store,
    clock: systemClock,
    ids: cryptoIds,
    logger: createLogger('info', sink),
    adminTokenHash: hashSecret(TEST_TOKEN),
    policy: policyReader(made.store),
    ...options.overrides,
  };
  const app = createApp(deps, options.appOptions);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(options.port ?? 0, '127.0.0.1', () => resolve(s));
  });
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    url,
    store: made.store,
    deps,
    logs: () => logText,
    api(path, init = {}) {
      const { json, token, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token !== null) headers.set('authorization', `Bearer ${token ?? TEST_TOKEN}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(url + path, {
        ...rest,
        headers,
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      if (!options.store) await made.store.close();
      made.cleanup();
    },
  };
}
