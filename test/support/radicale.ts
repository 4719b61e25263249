/**
 * A real Radicale (Debian's, on Debian's python) on a free loopback port with its own storage
 * folder: auth "none" (any user name accepted) or htpasswd with plain passwords.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './net.js';

const PYTHON = '/usr/bin/python3';

export interface Radicale {
  /** http://127.0.0.1:PORT */
  origin: string;
  child: ChildProcess;
  /** Creates a calendar collection /user/name/ and returns its URL. */
  makeCalendar(user: string, name: string, password?: string): Promise<string>;
  stop(): Promise<void>;
}

export const basic = (user: string, password = 'x') =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export async function startRadicale(
  options: { users?: Record<string, string> } = {},
): Promise<Radicale> {
  if (!existsSync('/usr/lib/python3/dist-packages/radicale')) {
    throw new Error('Radicale is missing: apt-get install radicale (Debian package)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'callink-radicale-'));
  const port = await freePort();
  const args = [
    '-m',
    'radicale',
    '--config',
    '',
    '--server-hosts',
    `127.0.0.1:${port}`,
    '--rights-type',
    'owner_only',
    '--storage-filesystem-folder',
    join(dir, 'collections'),
  ];
  if (options.users) {
    const file = join(dir, 'htpasswd');
    writeFileSync(
      file,
      Object.entries(options.users)
        .map(([u, p]) => `${u}:${p}\n`)
        .join(''),
    );
    args.push(
      '--auth-type',
      'htpasswd',
      '--auth-htpasswd-filename',
      file,
      '--auth-htpasswd-encryption',
      'plain',
      // Radicale slows every failed login down by default; tests need no such delay.
      '--auth-delay',
      '0',
    );
  } else args.push('--auth-type', 'none');
  const child = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const origin = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`radicale exited: ${out}`);
      return (await fetch(`${origin}/.web/`)).status < 500;
    },
    { timeoutMs: 15000, what: 'radicale to answer' },
  );
  return {
    origin,
    child,
    async makeCalendar(user, name, password) {
      const url = `${origin}/${user}/${name}/`;
      const res = await fetch(url, {
        method: 'MKCALENDAR',
        headers: { authorization: basic(user, password) },
      });
      if (res.status !== 201) throw new Error(`MKCALENDAR ${url}: ${res.status}`);
      return url;
    },
    async stop() {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
