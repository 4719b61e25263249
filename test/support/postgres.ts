/**
 * A throwaway PostgreSQL cluster from Debian's postgresql package, on 127.0.0.1 and a free
 * port, in a temp dir. As root it runs as the postgres user (initdb refuses root).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './net.js';

export interface PgCluster {
  url: string;
  port: number;
  dir: string;
  /** Kills the server hard (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function pgBinDir(): string {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) {
    throw new Error(
      "PostgreSQL is not installed: run `npm test` as root (it installs Debian's postgresql) or `apt-get install postgresql`.",
    );
  }
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  return join(base, versions[0] ?? '', 'bin');
}

const asRoot = process.getuid?.() === 0;
function pgUser(): { uid: number; gid: number } | undefined {
  if (!asRoot) return undefined;
  const id = (flag: string) =>
    Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startPostgres(): Promise<PgCluster> {
  const bin = pgBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'callink-pg-'));
  const user = pgUser();
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chmodSync(dir, 0o700);
  }
  const data = join(dir, 'data');
  const init = spawnSync(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'callink', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'],
    { encoding: 'utf8', ...(user ?? {}) },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.error?.message}`);
  const port = await freePort();
  let child: ChildProcess | undefined;

  const cluster: PgCluster = {
    url: `postgres://callink@127.0.0.1:${port}/postgres`,
    port,
    dir,
    async start() {
      child = spawn(
        join(bin, 'postgres'),
        [
          '-D',
          data,
          '-h',
          '127.0.0.1',
          '-p',
          String(port),
          '-k',
          dir,
          '-c',
          'fsync=on',
          '-c',
          'max_connections=200',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'], ...(user ?? {}) },
      );
      let log = '';
      child.stderr?.on('data', (d: Buffer) => {
        log = (log + d.toString()).slice(-4000);
      });
      const started = child;
      await waitFor(
        async () => {
          if (started.exitCode !== null) throw new Error(`postgres exited: ${log}`);
          const r = spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]);
          return r.status === 0;
        },
        { timeoutMs: 30000, what: 'PostgreSQL to accept connections' },
      );
    },
    async kill() {
      if (!child || child.exitCode !== null) return;
      const c = child;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await exited;
      // Children of the postmaster notice and exit; wait for the port to free up.
      await new Promise((r) => setTimeout(r, 300));
    },
    async stop() {
      if (!child || child.exitCode !== null) return;
      const c = child;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGINT'); // fast shutdown: rolls back open transactions, ends sessions
      // A server that does not stop in 10 s (a stuck backend) is killed, as an operator would.
      const hard = setTimeout(() => c.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(hard);
    },
  };
  await cluster.start();
  return cluster;
}

/** A fresh empty database on the cluster, so each test suite starts clean. */
export async function createDatabase(cluster: { url: string }, name: string): Promise<string> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}"`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return cluster.url.replace(/\/postgres$/, `/${name}`);
}

export function removeCluster(cluster: PgCluster): void {
  rmSync(cluster.dir, { recursive: true, force: true });
}
