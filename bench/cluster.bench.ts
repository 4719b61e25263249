/**
 * Scale-out on this machine: joins per second and p99 through the load balancer with one
 * callink instance and one LiveKit node (the baseline), with two instances, and with two
 * instances and two LiveKit nodes; and the lobby's admit→token latency across instances
 * against the same instance. Each configuration is a whole cluster (test/support/cluster.ts):
 * PostgreSQL, Redis, the nodes, the instances, the balancer and autocannon all share the
 * machine's 2 cores, unpinned, with whatever else runs: the load average is in the note.
 */
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { startCluster, type Cluster } from '../test/support/cluster.js';
import { percentile, type BenchResult } from './types.js';

const CONNECTIONS = 16;
const DURATION_S = 5;
const LINKS = 50;

interface Load {
  perSecond: number;
  p99: number;
  errors: number;
}

const bearer = (c: Cluster) => ({ authorization: `Bearer ${c.adminToken}` });

async function makeLinks(c: Cluster): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < LINKS; i++) {
    const res = await fetch(`${c.url}/api/links`, {
      method: 'POST',
      headers: { ...bearer(c), 'content-type': 'application/json' },
      body: JSON.stringify({ maxParticipants: 100 }),
    });
    ids.push(((await res.json()) as { id: string }).id);
  }
  return ids;
}

/** Joins through the balancer, each from its own forwarded address and spread over links. */
async function joins(c: Cluster, duration = DURATION_S): Promise<Load> {
  const ids = await makeLinks(c);
  let n = 0;
  const result = await autocannon({
    url: c.url,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          n++;
          return {
            ...req,
            path: `/api/links/${ids[n % ids.length]}/join`,
            headers: {
              'content-type': 'application/json',
              'x-forwarded-for': `198.51.100.${n % 250}, 203.0.113.${Math.floor(n / 250) % 250}`,
            },
            body: JSON.stringify({ name: 'Bench Participant' }),
          };
        },
      },
    ],
  });
  return {
    perSecond: result.requests.average,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
  };
}

/** admit on `admitVia` → the guest's long poll on instance 1 answers, in ms. */
async function admitLatency(c: Cluster, admitVia: string, rounds = 15): Promise<number[]> {
  const first = c.instances[0]?.url ?? '';
  const res = await fetch(`${c.url}/api/links`, {
    method: 'POST',
    headers: { ...bearer(c), 'content-type': 'application/json' },
    body: JSON.stringify({ lobby: true }),
  });
  const { id } = (await res.json()) as { id: string };
  const delays: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const knock = await fetch(`${first}/api/links/${id}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${i}` },
      body: JSON.stringify({ name: `Guest ${i}` }),
    });
    const { ticket } = (await knock.json()) as { ticket: string };
    let answered = 0;
    const poll = fetch(`${first}/api/lobby/${ticket}?wait=20`).then(async (r) => {
      answered = performance.now();
      await r.arrayBuffer();
    });
    await new Promise((r) => setTimeout(r, 200));
    await fetch(`${admitVia}/api/links/${id}/lobby/${ticket}/admit`, {
      method: 'POST',
      headers: bearer(c),
    });
    const admitted = performance.now();
    await poll;
    delays.push(answered - admitted);
  }
  return delays.sort((a, b) => a - b);
}

async function withCluster<T>(
  options: { instances: number; nodes: number },
  fn: (c: Cluster) => Promise<T>,
): Promise<T> {
  const c = await startCluster(options);
  try {
    await joins(c, 1); // warm-up: JIT, pools, LiveKit keep-alive
    return await fn(c);
  } finally {
    await c.stop();
  }
}

export default async function (): Promise<BenchResult[]> {
  const one = await withCluster({ instances: 1, nodes: 1 }, (c) => joins(c));
  const load1 = loadavg()[0] ?? 0;
  const { two, lobby } = await withCluster({ instances: 2, nodes: 1 }, async (c) => ({
    two: await joins(c),
    lobby: {
      across: await admitLatency(c, c.instances[1]?.url ?? ''),
      same: await admitLatency(c, c.instances[0]?.url ?? ''),
    },
  }));
  const twoNodes = await withCluster({ instances: 2, nodes: 2 }, (c) => joins(c));
  const load2 = loadavg()[0] ?? 0;
  const note = `2 cores shared, unpinned, by autocannon + balancer (one process), every callink instance, every LiveKit node, PostgreSQL and Redis; load average ${load1.toFixed(1)}–${load2.toFixed(1)}; errors ${one.errors}/${two.errors}/${twoNodes.errors}`;
  const across50 = percentile(lobby.across, 50);
  const same50 = percentile(lobby.same, 50);
  return [
    {
      name: 'cluster joins/s via LB, 2 instances 1 node (baseline: 1 instance 1 node; ratio = 2/1)',
      value: two.perSecond,
      unit: 'req/s',
      baseline: one.perSecond,
      ratio: two.perSecond / one.perSecond,
      note,
    },
    {
      name: 'cluster join p99 via LB, 2 instances 1 node (baseline: 1 instance; ratio = 2/1)',
      value: two.p99,
      unit: 'ms',
      baseline: one.p99,
      ratio: two.p99 / Math.max(one.p99, 0.001),
      note,
    },
    {
      name: 'cluster joins/s via LB, 2 instances 2 nodes (baseline: 2 instances 1 node; ratio = 2n/1n)',
      value: twoNodes.perSecond,
      unit: 'req/s',
      baseline: two.perSecond,
      ratio: twoNodes.perSecond / two.perSecond,
      note,
    },
    {
      name: 'cluster join p99 via LB, 2 instances 2 nodes (baseline: 2 instances 1 node; ratio = 2n/1n)',
      value: twoNodes.p99,
      unit: 'ms',
      baseline: two.p99,
      ratio: twoNodes.p99 / Math.max(two.p99, 0.001),
      note,
    },
    {
      name: 'lobby admit→token median across instances (baseline: same instance; ratio = across/same)',
      value: across50,
      unit: 'ms',
      baseline: same50,
      ratio: across50 / Math.max(same50, 0.001),
      note: `p100 across ${percentile(lobby.across, 100).toFixed(0)} ms, same ${percentile(lobby.same, 100).toFixed(0)} ms`,
    },
  ];
}
