/**
 * Not a bench row: a CPU profile of POST /api/links/:id/join. Run with
 * `node --import tsx bench/profile-join.ts [OUT.cpuprofile]` (in a loopback-only namespace, as
 * npm run bench runs). The server is composed as in the join bench (join-server.ts); the load
 * comes from autocannon in a child process, so the profile holds the server's work only, and
 * the profiler runs only while the load does (after a warm-up), so start-up is not in it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLivekit } from '../test/support/livekit.js';
import { startJoinServer } from './join-server.js';

const out = process.argv[2] ?? join(tmpdir(), `join-${Date.now()}.cpuprofile`);
const lk = await startLivekit();
const dir = mkdtempSync(join(tmpdir(), 'callink-join-profile-'));
const server = await startJoinServer(dir, {
  ...process.env,
  LIVEKIT_URL: lk.url,
  LIVEKIT_API_KEY: lk.apiKey,
  LIVEKIT_API_SECRET: lk.apiSecret,
});
const bin = join(import.meta.dirname, '..', 'node_modules', '.bin', 'autocannon');
const cannon = (seconds: string) =>
  new Promise<void>((resolve) => {
    const args = ['-c', '16', '-d', seconds, '-m', 'POST', '-H', 'content-type=application/json'];
    args.push(
      '-b',
      '{"name":"Bench Participant"}',
      `${server.url}/api/links/${server.linkId}/join`,
    );
    const c = spawn(bin, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    c.on('exit', () => resolve());
  });
const session = new Session();
try {
  await cannon('2'); // warm-up, not profiled
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  await cannon(process.env.SECONDS ?? '8');
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(out, JSON.stringify(profile));
  process.stderr.write(`profile written to ${out}\n`);
} finally {
  session.disconnect();
  await server.close();
  await lk.stop();
  rmSync(dir, { recursive: true, force: true });
}
