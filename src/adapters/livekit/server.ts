/**
 * The local LiveKit media server used when no external one is configured: finds (or builds)
 * the livekit-server binary, writes a loopback-only config with generated keys, and
 * supervises it as a child process (restart on crash with backoff, stop with the service).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from 'pino';

export const LIVEKIT_VERSION = 'v1.13.5';
const run = promisify(execFile);

export interface LivekitCredentials {
  /** ws:// URL clients connect to. */
  url: string;
  apiKey: string;
  apiSecret: string;
}

export interface LocalLivekitOptions {
  bin: string;
  /** Directory for the generated config and pid file. */
  dir: string;
  /** HTTP/WebSocket port; ICE/TCP uses port+1 and UDP port+2 unless given. */
  port: number;
  tcpPort?: number;
  udpPort?: number;
  apiKey?: string;
  apiSecret?: string;
  /** Where LiveKit posts its webhooks (our /livekit/webhook). */
  webhookUrl?: string;
  /** host:port of a Redis shared by the nodes of a cluster; unset: a single node. */
  redisAddress?: string;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Go bin directory (`$(go env GOPATH)/bin`), or undefined when Go is not installed. */
export async function goBinDir(): Promise<string | undefined> {
  try {
    const { stdout } = await run('go', ['env', 'GOPATH'], { timeout: 10_000 });
    return stdout.trim() ? join(stdout.trim(), 'bin') : undefined;
  } catch {
    return undefined;
  }
}

/** Looks for livekit-server: the explicit path, then PATH, then the Go bin directory. */
export async function findLivekitBinary(options: {
  explicit?: string | undefined;
  searchPath?: string | undefined;
}): Promise<string | undefined> {
  if (options.explicit) return isExecutable(options.explicit) ? options.explicit : undefined;
  for (const dir of (options.searchPath ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, 'livekit-server'))) return join(dir, 'livekit-server');
  }
  const gobin = await goBinDir();
  if (!gobin) return undefined;
  for (const name of ['livekit-server', 'server']) {
    if (isExecutable(join(gobin, name))) return join(gobin, name);
  }
  return undefined;
}

/** Builds livekit-server with `go install` (minutes the first time); undefined without Go. */
export async function buildLivekit(): Promise<string | undefined> {
  const gobin = await goBinDir();
  if (!gobin) return undefined;
  await run('go', ['install', `github.com/livekit/livekit-server/cmd/server@${LIVEKIT_VERSION}`], {
    timeout: 30 * 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const built = join(gobin, 'server');
  return isExecutable(built) ? built : undefined;
}

/**
 * The YAML config. Loopback only: node_ip 127.0.0.1 and no external IP, so the server never
 * offers this machine's public address or public STUN servers as candidates.
 */
export function livekitConfigYaml(
  o: Required<Omit<LocalLivekitOptions, 'bin' | 'dir' | 'redisAddress'>> & {
    redisAddress?: string;
  },
): string {
  const lines = [
    `port: ${o.port}`,
    'bind_addresses: ["127.0.0.1"]',
    'keys:',
    `  ${o.apiKey}: ${o.apiSecret}`,
    'rtc:',
    `  tcp_port: ${o.tcpPort}`,
    `  udp_port: ${o.udpPort}`,
    '  use_external_ip: false',
    '  node_ip: 127.0.0.1',
    '  enable_loopback_candidate: true',
    'room:',
    '  auto_create: true',
    'logging:',
    '  level: warn',
  ];
  if (o.redisAddress) lines.push('redis:', `  address: ${o.redisAddress}`);
  if (o.webhookUrl) {
    lines.push('webhook:', `  api_key: ${o.apiKey}`, '  urls:', `    - ${o.webhookUrl}`);
  }
  return `${lines.join('\n')}\n`;
}

export interface LivekitProcess extends LivekitCredentials {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves when the HTTP port answers; rejects when the process exits first. */
  ready(timeoutMs?: number): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
  kill(): Promise<void>;
}

/** Writes the config and starts one livekit-server process (no supervision). */
export function spawnLivekit(options: LocalLivekitOptions): LivekitProcess {
  const apiKey = options.apiKey ?? `lk${randomBytes(6).toString('hex')}`;
  const apiSecret = options.apiSecret ?? randomBytes(32).toString('base64url');
  mkdirSync(options.dir, { recursive: true });
  const configFile = join(options.dir, 'livekit.yaml');
  writeFileSync(
    configFile,
    livekitConfigYaml({
      port: options.port,
      tcpPort: options.tcpPort ?? options.port + 1,
      udpPort: options.udpPort ?? options.port + 2,
      apiKey,
      apiSecret,
      webhookUrl: options.webhookUrl ?? '',
      ...(options.redisAddress ? { redisAddress: options.redisAddress } : {}),
    }),
    { mode: 0o600 },
  );
  killStale(options.dir);
  const child = spawn(options.bin, ['--config', configFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid) writeFileSync(join(options.dir, 'livekit.pid'), `${child.pid}\n`);
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const url = `ws://127.0.0.1:${options.port}`;
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const proc: LivekitProcess = {
    url,
    apiKey,
    apiSecret,
    child,
    output: () => out,
    async ready(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      let failed: Error | undefined;
      void spawnError.then((e) => (failed = e));
      while (Date.now() < deadline) {
        if (failed)
          throw new Error(`livekit-server could not start (${options.bin}): ${failed.message}`);
        if (exited()) throw new Error(`livekit-server exited at start:\n${out}`);
        try {
          const res = await fetch(`http://127.0.0.1:${options.port}/`, {
            signal: AbortSignal.timeout(1000),
          });
          if (res.ok) return;
        } catch {
          /* not listening yet */
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`livekit-server did not answer on port ${options.port}:\n${out}`);
    },
    stop: () => endProcess(child, 'SIGTERM'),
    kill: () => endProcess(child, 'SIGKILL'),
  };
  return proc;
}

async function endProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await gone;
  clearTimeout(timer);
}

/** A server left behind by a service that was killed hard would hold the ports: end it. */
function killStale(dir: string): void {
  const pidFile = join(dir, 'livekit.pid');
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
  } catch {
    return;
  }
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 1) return;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmdline.includes(join(dir, 'livekit.yaml'))) process.kill(pid, 'SIGKILL');
  } catch {
    /* gone already, or not ours */
  }
}

export interface LivekitSupervisor extends LivekitCredentials {
  /** True while a server process is running (not necessarily accepting yet). */
  running(): boolean;
  stop(): Promise<void>;
  /** SIGKILL at once, for exit paths that cannot wait (process 'exit', a forced exit). */
  killNow(): void;
}

/**
 * Keeps a local livekit-server running: restarts it when it exits, with a backoff from 1 s
 * up to 30 s that resets once it has stayed up for a minute. Keys stay the same across
 * restarts, so tokens already handed out stay valid.
 */
export function superviseLivekit(options: LocalLivekitOptions, logger: Logger): LivekitSupervisor {
  const apiKey = options.apiKey ?? `lk${randomBytes(6).toString('hex')}`;
  const apiSecret = options.apiSecret ?? randomBytes(32).toString('base64url');
  let current: LivekitProcess | undefined;
  let stopping = false;
  let backoff = 1000;
  let timer: NodeJS.Timeout | undefined;

  const start = () => {
    if (stopping) return;
    const startedAt = Date.now();
    const proc = spawnLivekit({ ...options, apiKey, apiSecret });
    current = proc;
    let gone = false;
    const onGone = (code: number | null, signal: NodeJS.Signals | null) => {
      if (gone) return;
      gone = true;
      if (current === proc) current = undefined;
      if (stopping) return;
      if (Date.now() - startedAt > 60_000) backoff = 1000;
      logger.error(
        { code, signal, output: proc.output().slice(-2000), retryInMs: backoff },
        'livekit-server exited; restarting',
      );
      timer = setTimeout(start, backoff);
      timer.unref();
      backoff = Math.min(backoff * 2, 30_000);
    };
    proc.child.once('exit', onGone);
    // A binary that cannot be spawned at all emits 'error' and no 'exit'.
    proc.child.once('error', (error) => {
      logger.error({ err: error }, 'livekit-server failed');
      if (!proc.child.pid) onGone(null, null);
    });
    proc.ready().then(
      () => logger.info({ url: proc.url }, 'livekit-server ready'),
      () => undefined, // the exit handler reports and restarts
    );
  };
  start();
  return {
    url: `ws://127.0.0.1:${options.port}`,
    apiKey,
    apiSecret,
    running: () => current !== undefined,
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await current?.stop();
    },
    killNow() {
      stopping = true;
      if (timer) clearTimeout(timer);
      const child = current?.child;
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
