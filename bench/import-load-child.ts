/**
 * Load for the isolation benchmark, in its own process: 4 clients each importing FILE in a
 * loop, and one cold build of the team feed at FEED_URL. argv: URL TOKEN FILE FEED_URL.
 * Prints {"imports","failed","feedMs"} on SIGTERM.
 */
import { readFileSync } from 'node:fs';

const [url, token, file, feedUrl] = process.argv.slice(2) as [string, string, string, string];
const body = readFileSync(file);
let stopping = false;
// Stopping aborts the requests under way, so the counts come back at once.
const abort = new AbortController();
let imports = 0;
let failed = 0;
let feedMs = NaN;

async function importer(): Promise<void> {
  while (!stopping) {
    const res = await fetch(`${url}/api/import?mode=all`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/calendar' },
      body,
      signal: abort.signal,
    }).catch(() => undefined);
    await res?.arrayBuffer().catch(() => undefined);
    if (res?.ok) imports++;
    else if (!stopping) failed++;
  }
}

const t0 = performance.now();
const feed = fetch(feedUrl, { headers: { 'accept-encoding': 'identity' }, signal: abort.signal })
  .then((r) => r.arrayBuffer())
  .then(() => (feedMs = performance.now() - t0))
  .catch(() => undefined); // stopped before it was done: feedMs stays NaN
const loops = [importer(), importer(), importer(), importer()];
process.on('SIGTERM', () => {
  stopping = true;
  abort.abort();
  void Promise.allSettled([...loops, feed]).then(() => {
    process.stdout.write(`${JSON.stringify({ imports, failed, feedMs })}\n`);
    process.exit(0);
  });
});
