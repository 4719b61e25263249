/**
 * A callink cluster on loopback, as docs/deploy.md describes one: PostgreSQL, Redis, two
 * livekit-server nodes on that Redis (same keys), two callink instances (src/main.ts
 * processes) on that PostgreSQL behind a load balancer. Every LiveKit node sends its webhooks
 * to the balancer. Used by `npm run cluster`, the cluster test and the cluster benchmark.
 *
 * Instance 1 is pointed at node 1 only; instance 2 at node 2 first, then node 1 (LIVEKIT_URL
 * with two nodes), so a dead node shows both behaviours: readiness 503, and failover.
 */
import { startBalancer, type Balancer } from './balancer.js';
import { startLivekit, type TestLivekit } from './livekit.js';
import { freePort } from './net.js';
import { createDatabase, removeCluster, startPostgres, type PgCluster } from './postgres.js';
import { startRedis, type TestRedis } from './redis.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

export const CLUSTER_ADMIN_TOKEN = 'cluster-admin-token-0123456789';

export interface ClusterInstance {
  url: string;
  port: number;
  process: ServerProcess | undefined;
  /** The LIVEKIT_URL it was given. */
  livekitUrl: string;
  /** Starts it again on the same port and settings. */
  start(): Promise<void>;
  /** SIGKILL, as a crash. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface Cluster {
  /** The load-balanced address: what people and LiveKit's webhooks use. */
  url: string;
  balancer: Balancer;
  pg: PgCluster;
  databaseUrl: string;
  redis: TestRedis;
  nodes: TestLivekit[];
  instances: ClusterInstance[];
  adminToken: string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** How many callink instances (1 or 2; default 2). */
  instances?: number;
  /** How many LiveKit nodes (1 or 2; default 2). */
  nodes?: number;
  /** Share rate limits and wake-ups through Redis too (default true). */
  useRedis?: boolean;
  /** Extra environment for every instance (e.g. CALLINK_SMTP_URL). */
  env?: Record<string, string>;
  /** The balancer's port (default: any free one). */
  port?: number;
  log?: (line: string) => void;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const log = options.log ?? (() => undefined);
  const count = options.instances ?? 2;
  const nodeCount = options.nodes ?? 2;
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
    const backends = ports.map((p) => `http://127.0.0.1:${p}`);
    const balancer = await startBalancer(backends, options.port ?? 0);
    stops.push(() => balancer.close());

    log('PostgreSQL…');
    const pg = await startPostgres();
    stops.push(async () => {
      await pg.stop();
      removeCluster(pg);
    });
    const databaseUrl = await createDatabase(pg, 'callink');
    log('Redis…');
    const redis = await startRedis();
    stops.push(() => redis.stop());

    log(`${nodeCount} LiveKit node(s) on Redis…`);
    const nodes: TestLivekit[] = [];
    for (let i = 0; i < nodeCount; i++) {
      const node = await startLivekit({
        redisAddress: redis.address,
        webhookUrl: `${balancer.url}/livekit/webhook`,
      });
      nodes.push(node);
      stops.push(() => node.stop());
    }
    const [n1, n2] = nodes;
    const livekitUrls = [n1?.url ?? '', n2 ? `${n2.url},${n1?.url ?? ''}` : (n1?.url ?? '')];

    log(`${count} callink instance(s)…`);
    const instances: ClusterInstance[] = ports.map((port, i) => {
      const livekitUrl = livekitUrls[i % 2] as string;
      const env = {
        CALLINK_DATABASE_URL: databaseUrl,
        CALLINK_PUBLIC_URL: balancer.url,
        CALLINK_ADMIN_TOKEN: CLUSTER_ADMIN_TOKEN,
        CALLINK_TRUST_PROXY: 'loopback',
        LIVEKIT_URL: livekitUrl,
        LIVEKIT_API_KEY: n1?.apiKey ?? '',
        LIVEKIT_API_SECRET: n1?.apiSecret ?? '',
        CALLINK_DATA_DIR: `${pg.dir}/instance-${i + 1}`,
        ...(options.useRedis === false ? {} : { CALLINK_REDIS_URL: redis.url }),
        ...options.env,
      };
      const instance: ClusterInstance = {
        url: backends[i] as string,
        port,
        process: undefined,
        livekitUrl,
        async start() {
          instance.process = await startServerProcess(env, port, 90_000);
        },
        async kill() {
          await instance.process?.kill('SIGKILL');
        },
        async stop() {
          await instance.process?.kill('SIGTERM');
        },
      };
      return instance;
    });
    // One after the other: the first migrates, the next finds the schema done.
    for (const instance of instances) {
      await instance.start();
      stops.push(() => instance.stop());
    }
    return {
      url: balancer.url,
      balancer,
      pg,
      databaseUrl,
      redis,
      nodes,
      instances,
      adminToken: CLUSTER_ADMIN_TOKEN,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
