#!/usr/bin/env node
// `npm start` and `npm test` go through here: install whatever is missing, then run.
// Plain Node (no dependencies), because node_modules may not exist yet.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const mode = process.argv[2] ?? 'start';
const isRoot = process.getuid?.() === 0;
const say = (msg) => process.stderr.write(`[callink] ${msg}\n`);

export const LIVEKIT_VERSION = 'v1.13.5';
const APT_PACKAGES = [
  ['chromium', '/usr/bin/chromium'],
  ['firefox-esr', '/usr/bin/firefox-esr'],
  ['postgresql', '/usr/lib/postgresql'],
  ['radicale', '/usr/bin/radicale'],
  ['python3-icalendar', '/usr/lib/python3/dist-packages/icalendar'],
  ['iproute2', '/usr/sbin/ip'],
  ['redis-server', '/usr/bin/redis-server'],
  ['dovecot-imapd', '/usr/lib/dovecot/imap'],
  // Independent ICS readers: libical through GObject introspection, and python-recurring-ical-events.
  [
    'gir1.2-ical-3.0',
    `/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu/girepository-1.0/ICal-3.0.typelib`,
  ],
  ['python3-gi', '/usr/lib/python3/dist-packages/gi/__init__.py'],
  ['python3-recurring-ical-events', '/usr/lib/python3/dist-packages/recurring_ical_events.py'],
  // Reactions are emoji: without a colour emoji font the call's screenshots show boxes.
  ['fonts-noto-color-emoji', '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf'],
];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

/** npm ci when node_modules is missing or was installed from another package-lock.json. */
function ensureNodeModules() {
  const lock = join(root, 'package-lock.json');
  const stamp = join(root, 'node_modules', '.callink-lock-sha256');
  const want = createHash('sha256').update(readFileSync(lock)).digest('hex');
  let have = '';
  try {
    have = readFileSync(stamp, 'utf8').trim();
  } catch {
    /* never installed by us */
  }
  if (have === want) return;
  if (have === '' && existsSync(join(root, 'node_modules', '.package-lock.json'))) {
    // Installed by hand (npm install / npm ci): trust it when it is not older than the lock.
    if (
      statSync(join(root, 'node_modules', '.package-lock.json')).mtimeMs >= statSync(lock).mtimeMs
    ) {
      writeFileSync(stamp, `${want}\n`);
      return;
    }
  }
  if (lstatSync(join(root, 'node_modules'), { throwIfNoEntry: false })?.isSymbolicLink()) {
    // A shared node_modules (several work trees): never let npm ci empty it through the link.
    say('node_modules is a symbolic link and looks out of date: run npm ci where it points');
    return;
  }
  say('installing npm packages (npm ci)…');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) {
    say('npm ci failed');
    process.exit(1);
  }
  writeFileSync(stamp, `${want}\n`);
}

function ensureSystemPackages() {
  const missing = APT_PACKAGES.filter(([, path]) => !existsSync(path)).map(([name]) => name);
  if (missing.length === 0) return;
  if (!isRoot) {
    say(
      `missing system packages: ${missing.join(' ')} (run as root, or: sudo apt-get install ${missing.join(' ')}); tests that need them will fail`,
    );
    return;
  }
  say(`installing system packages: ${missing.join(' ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  if (run('apt-get', ['install', '-y', '-qq', ...missing], { env }) !== 0) {
    say('apt-get install failed');
    process.exit(1);
  }
}

function goBin() {
  try {
    const gopath = execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).trim();
    return join(gopath, 'bin');
  } catch {
    return undefined;
  }
}

/** Finds livekit-server, building it with `go install` when it is missing. */
export function ensureLivekit({ required }) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'livekit-server'))) return join(dir, 'livekit-server');
  }
  const bin = goBin();
  if (!bin) {
    const msg = 'livekit-server is not installed and Go is not available to build it';
    if (required) {
      say(`${msg}.`);
      process.exit(1);
    }
    say(`${msg}: calls will be unavailable (set LIVEKIT_URL/KEY/SECRET to use another server).`);
    return undefined;
  }
  const target = join(bin, 'livekit-server');
  if (existsSync(target)) return target;
  if (!existsSync(join(bin, 'server'))) {
    say(
      `building livekit-server ${LIVEKIT_VERSION} with go install (first time only, a few minutes)…`,
    );
    const t0 = Date.now();
    const status = run('go', [
      'install',
      `github.com/livekit/livekit-server/cmd/server@${LIVEKIT_VERSION}`,
    ]);
    if (status !== 0) {
      say('go install of livekit-server failed');
      if (required) process.exit(1);
      return undefined;
    }
    say(`built livekit-server in ${Math.round((Date.now() - t0) / 1000)} s`);
  }
  mkdirSync(bin, { recursive: true });
  try {
    unlinkSync(target);
  } catch {
    /* not there */
  }
  symlinkSync(join(bin, 'server'), target);
  return target;
}

function ensureWebBuild() {
  if (!existsSync(join(root, 'vite.config.ts'))) return;
  const out = join(root, 'dist', 'web', 'manifest.json');
  if (existsSync(out) && mode === 'start' && !process.env.CALLINK_REBUILD) return;
  say('building the web pages (vite build)…');
  if (run(join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn']) !== 0)
    process.exit(1);
}

function exec(cmd, args, env = process.env) {
  const child = spawn(cmd, args, { stdio: 'inherit', env });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const bin = (name) => join(root, 'node_modules', '.bin', name);

/**
 * Runs a command in a fresh network namespace that has only loopback: WebRTC candidates,
 * servers and browsers can then reach nothing but this machine's 127.0.0.1.
 */
function execIsolated(what, command, env) {
  const canUnshare =
    process.platform === 'linux' &&
    !process.env.CALLINK_NO_NETNS &&
    spawnSync('unshare', ['-rn', 'true']).status === 0;
  if (canUnshare) {
    say(`running ${what} in a loopback-only network namespace`);
    const script = 'ip link set lo up && exec "$@"';
    exec('unshare', [isRoot ? '-n' : '-rn', '--', 'sh', '-c', script, 'sh', ...command], {
      ...env,
      CALLINK_NETNS: '1',
    });
  } else {
    say(`network namespaces are not available: ${what} that need WebRTC will refuse to run`);
    exec(command[0], command.slice(1), env);
  }
}

ensureNodeModules();
if (mode === 'start') {
  const livekit = process.env.LIVEKIT_URL ? undefined : ensureLivekit({ required: false });
  ensureWebBuild();
  const env = { ...process.env, ...(livekit ? { CALLINK_LIVEKIT_BIN: livekit } : {}) };
  exec(process.execPath, ['--import', 'tsx', join(root, 'src', 'main.ts')], env);
} else if (mode === 'test') {
  ensureSystemPackages();
  const livekit = ensureLivekit({ required: true });
  ensureWebBuild();
  const steps = [
    ['eslint', [bin('eslint'), '--max-warnings=0', '.']],
    ['prettier', [bin('prettier'), '--check', '--log-level', 'warn', '.']],
    ['typecheck', [bin('tsc'), '-p', 'tsconfig.json', '--noEmit']],
  ];
  for (const [name, [cmd, ...args]] of steps) {
    say(`${name}…`);
    if (run(cmd, args) !== 0) {
      say(`${name} failed`);
      process.exit(1);
    }
  }
  const env = { ...process.env, CALLINK_LIVEKIT_BIN: livekit };
  execIsolated('tests', [bin('vitest'), 'run', ...process.argv.slice(3)], env);
} else if (mode === 'cluster') {
  // Not in a namespace: the cluster is for a person's browser on this machine (all loopback).
  ensureSystemPackages();
  const livekit = ensureLivekit({ required: true });
  ensureWebBuild();
  const env = { ...process.env, CALLINK_LIVEKIT_BIN: livekit };
  exec(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts', 'cluster.ts'), ...process.argv.slice(3)],
    env,
  );
} else if (mode === 'bench' || mode === 'soak') {
  ensureSystemPackages();
  const livekit = ensureLivekit({ required: true });
  ensureWebBuild();
  const env = { ...process.env, CALLINK_LIVEKIT_BIN: livekit };
  if (mode === 'bench') {
    execIsolated(
      'benchmarks',
      [bin('tsx'), join(root, 'bench', 'run.ts'), ...process.argv.slice(3)],
      env,
    );
  } else {
    const args = process.argv.slice(3);
    const files =
      args.length > 0 ? args : ['test/reliability', 'test/integration/crash.test.ts', 'test/fuzz'];
    execIsolated('soak tests', [bin('vitest'), 'run', ...files], {
      ...env,
      SOAK: '1',
      CALLINK_FUZZ_RUNS: process.env.CALLINK_FUZZ_RUNS ?? '50000',
    });
  }
} else {
  say(`unknown mode ${mode}`);
  process.exit(64);
}
