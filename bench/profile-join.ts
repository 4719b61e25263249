/**
 * Not a bench row: profiles POST /api/links/:id/join. Run with
 * `node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/profile-join.ts`; the load comes from
 * autocannon in a child process, so the profile holds the server's work only.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createLivekitRooms } from '../src/adapters/livekit/rooms.js';
import { startTestApp } from '../test/support/app.js';
import { startLivekit } from '../test/support/livekit.js';

const lk = await startLivekit();
const app = await startTestApp({
  overrides: { rooms: createLivekitRooms({ ...lk, loopback: true }) },
  appOptions: { rateLimits: { joinPerIp: 1e9, joinPerLink: 1e9 } },
  env: { CALLINK_LOG_LEVEL: process.env.LOG ?? 'info' },
});
try {
  const res = await app.api('/api/links', { method: 'POST', json: { maxParticipants: 100 } });
  const { id } = (await res.json()) as { id: string };
  const bin = join(import.meta.dirname, '..', 'node_modules', '.bin', 'autocannon');
  const args = [
    '-c',
    '16',
    '-d',
    process.env.SECONDS ?? '8',
    '-m',
    'POST',
    '-H',
    'content-type=application/json',
    '-b',
    '{"name":"Bench Participant"}',
    `${app.url}/api/links/${id}/join`,
  ];
  await new Promise<void>((resolve) => {
    const c = spawn(bin, args, { stdio: 'inherit' });
    c.on('exit', () => resolve());
  });
} finally {
  await app.close();
  await lk.stop();
}
