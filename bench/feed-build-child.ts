/**
 * One feed build in a fresh process, so peak memory is the build's own: prints
 * {"ms","peakBytes","bytes"}. argv: DIR ours|bare
 */
import { buildTeamFeed } from '../src/core/usecases/publish-feed.js';
import { bareFeed, openBenchStore, PUBLIC_URL, TEAM } from './feed-data.js';

const [dir, mode] = process.argv.slice(2) as [string, 'ours' | 'bare'];
const { store } = await openBenchStore(dir);
const team = await store.teams.get(TEAM);
if (!team) throw new Error('bench store not filled');
// Warm the code paths on a small team-less call so both modes pay module start-up alike.
await store.events.listForTeam('none', { since: new Date(0), cancelledSince: new Date(0) });
global.gc?.();
const before = process.memoryUsage().rss;
const t0 = performance.now();
let body: string;
if (mode === 'ours') {
  body = await buildTeamFeed({ store, publicUrl: PUBLIC_URL }, team, new Date());
} else {
  const events = await store.events.listForTeam(TEAM, {
    since: new Date(0),
    cancelledSince: new Date(0),
  });
  body = bareFeed(events);
}
const ms = performance.now() - t0;
const peakBytes = process.resourceUsage().maxRSS * 1024 - before;
await store.close();
console.log(JSON.stringify({ ms, peakBytes, bytes: Buffer.byteLength(body) }));
