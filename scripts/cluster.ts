/**
 * `npm run cluster`: a whole callink cluster on this machine's loopback, for trying scale-out
 * by hand: PostgreSQL, Redis, two livekit-server nodes on Redis, two callink instances on
 * PostgreSQL behind a load balancer. Prints the URL and the admin token; Ctrl-C (or SIGTERM)
 * stops everything it started. `--port N` picks the balancer's port (default 8080).
 */
import { startCluster } from '../test/support/cluster.js';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 8080;
const say = (line: string) => console.log(`cluster: ${line}`);

const cluster = await startCluster({ port, log: say });
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  say(`${signal}: stopping everything…`);
  await cluster.stop();
  say('stopped');
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

console.log(`
  callink cluster is up:

    ${cluster.url}              (load balancer: ${cluster.instances.map((i) => i.url).join(', ')})
    admin token: ${cluster.adminToken}

    PostgreSQL   ${cluster.databaseUrl}
    Redis        ${cluster.redis.url}
    LiveKit      ${cluster.nodes.map((n) => n.url).join(', ')}

  Open ${cluster.url}/ for the organizer page. Ctrl-C stops everything.
`);
