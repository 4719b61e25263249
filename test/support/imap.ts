/**
 * A real Dovecot IMAP server (Debian's dovecot-imapd) on a free loopback port, run in the
 * foreground with its own configuration, runtime and mail folders in a temp dir and users from
 * a passwd-file (plain passwords). Tests put mail in with imapflow's APPEND, as a delivery
 * would, and read folders back to see what callink left or moved.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort, waitFor } from './net.js';

const DOVECOT = '/usr/sbin/dovecot';

export interface TestImap {
  port: number;
  /** imap://user:password@127.0.0.1:PORT/INBOX */
  url(user: string, password?: string, folder?: string): string;
  /** Appends a raw message to a user's folder (created when missing). */
  append(user: string, raw: string, folder?: string): Promise<void>;
  /** Message-IDs in a user's folder. */
  list(user: string, folder?: string): Promise<string[]>;
  stop(): Promise<void>;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

export async function startImap(users: Record<string, string>): Promise<TestImap> {
  if (!existsSync(DOVECOT) || !existsSync('/usr/lib/dovecot/imap')) {
    throw new Error('Dovecot is missing: apt-get install dovecot-imapd (Debian package)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'callink-dovecot-'));
  const port = await freePort();
  // Dovecot's auth process runs as its own user: it must be able to read the passwd-file.
  chmodSync(dir, 0o755);
  for (const d of ['run', 'state', 'mail', 'home']) mkdirSync(join(dir, d));
  writeFileSync(
    join(dir, 'passwd'),
    Object.entries(users)
      .map(([u, p]) => `${u}:{PLAIN}${p}::::::\n`)
      .join(''),
  );
  // Dovecot never delivers mail as root: as root, mail belongs to its own "dovecot" user.
  let uid = process.getuid?.() ?? 0;
  let gid = process.getgid?.() ?? 0;
  if (uid === 0) {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('dovecot:'));
    const [, , u, g] = line?.split(':') ?? [];
    if (!u || !g) throw new Error('Dovecot is installed without its "dovecot" user');
    uid = Number(u);
    gid = Number(g);
    for (const d of ['mail', 'home']) chownSync(join(dir, d), uid, gid);
  }
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 0
first_valid_gid = 0
mail_location = maildir:${dir}/mail/%u
namespace inbox {
  inbox = yes
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
auth_failure_delay = 0
`,
  );
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`dovecot exited: ${out}`);
      return portOpen(port);
    },
    { timeoutMs: 15000, what: 'dovecot to listen' },
  );
  const client = async (user: string) => {
    const c = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user, pass: users[user] ?? '' },
      logger: false,
    });
    await c.connect();
    return c;
  };
  return {
    port,
    url: (user, password = users[user] ?? '', folder = 'INBOX') =>
      `imap://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${folder}`,
    async append(user, raw, folder = 'INBOX') {
      const c = await client(user);
      try {
        if (folder !== 'INBOX') await c.mailboxCreate(folder).catch(() => undefined);
        await c.append(folder, Buffer.from(raw.replace(/\r?\n/g, '\r\n')));
      } finally {
        await c.logout();
      }
    },
    async list(user, folder = 'INBOX') {
      const c = await client(user);
      try {
        const box = await c.mailboxOpen(folder).catch(() => undefined);
        if (!box || box.exists === 0) return [];
        const ids: string[] = [];
        for await (const m of c.fetch('1:*', { envelope: true })) {
          ids.push(m.envelope?.messageId ?? '');
        }
        return ids;
      } finally {
        await c.logout();
      }
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
