/**
 * Scale-out, proven on a real cluster in the loopback-only namespace: PostgreSQL, Redis, two
 * livekit-server nodes on Redis, two callink processes behind a load balancer (see
 * test/support/cluster.ts). Instance 1 uses LiveKit node 1 only; instance 2 node 2, then 1.
 */
import { RoomServiceClient, TrackSource } from 'livekit-server-sdk';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomOf } from '../../src/core/usecases/join.js';
import { assertLoopbackOnly, launchChromium, newPerson } from '../support/browser.js';
import { seesVideoOf } from '../support/call-page.js';
import { startCluster, type Cluster } from '../support/cluster.js';
import { waitFor } from '../support/net.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { requireWebBuild } from '../support/web.js';

let cluster: Cluster;
let smtp: TestSmtp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  assertLoopbackOnly();
  requireWebBuild();
  smtp = await startSmtp(0, { delayMs: 1000 });
  cluster = await startCluster({
    // A batch of 6 at 1 s each outlives a 4 s lease: the other instance's worker takes over.
    env: {
      CALLINK_SMTP_URL: smtp.url,
      CALLINK_OUTBOX_LEASE_SECONDS: '4',
      // Low enough for the page-limit test to reach quickly, above what the other tests load.
      CALLINK_JOIN_PAGES_PER_MINUTE: '40',
    },
  });
  browser = await launchChromium({ webrtc: true });
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await cluster?.stop();
  await smtp?.close();
});

const inst = (i: 0 | 1) => cluster.instances[i]!;
const node = (i: 0 | 1) => cluster.nodes[i]!;

function api(base: string, path: string, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set('authorization', `Bearer ${cluster.adminToken}`);
  if (json !== undefined) headers.set('content-type', 'application/json');
  return fetch(base + path, {
    ...rest,
    headers,
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
}

async function createLink(body: Record<string, unknown> = {}): Promise<string> {
  const res = await api(cluster.url, '/api/links', { method: 'POST', json: body });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const joinAt = (base: string, id: string, name: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/links/${id}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name }),
  });

async function person(): Promise<Page> {
  const context = await newPerson(browser);
  contexts.push(context);
  return context.newPage();
}

async function stateOf(page: Page, state: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction((s) => document.body.dataset.state === s, state, { timeout });
}

async function joinPage(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await stateOf(page, 'ready');
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: /^Join/ }).click();
  await stateOf(page, 'joined');
}

const ready = async (base: string) => (await fetch(`${base}/readyz`)).status;

/** Video across nodes: a loaded full run (two files at once, two LiveKit nodes) took over 30 s. */
const CROSS_NODE_MS = 60_000;

describe('a cluster of two instances and two LiveKit nodes', { timeout: 120_000 }, () => {
  it('lobby wake-ups across instances: a knock on instance 1 admitted on instance 2 reaches the guest within 200 ms', async () => {
    const id = await createLink({ title: 'Lobby', lobby: true });
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const knock = await joinAt(inst(0).url, id, `Guest ${i}`);
      expect(knock.status).toBe(202);
      const { ticket } = (await knock.json()) as { ticket: string };
      let answeredAt = 0;
      const poll = fetch(`${inst(0).url}/api/lobby/${ticket}?wait=20`).then(async (r) => {
        answeredAt = performance.now();
        return (await r.json()) as { status: string; token?: string };
      });
      await new Promise((r) => setTimeout(r, 300)); // the poll is waiting
      const admit = await api(inst(1).url, `/api/links/${id}/lobby/${ticket}/admit`, {
        method: 'POST',
      });
      const admittedAt = performance.now();
      expect(admit.status).toBe(204);
      const answer = await poll;
      expect(answer.status).toBe('admitted');
      expect(answer.token).toEqual(expect.any(String));
      delays.push(answeredAt - admittedAt);
    }
    delays.sort((a, b) => a - b);
    console.log(`lobby admit→token across instances, ms: ${delays.map(Math.round).join(', ')}`);
    // Without a cross-instance wake-up the poll would only see it at its next re-read (10 s).
    expect(delays[2]).toBeLessThan(200);
    expect(delays[4]).toBeLessThan(1000);
  });

  it('duplicate invite mail: two instances with a slow SMTP server send one mail per attendee', async () => {
    const attendees = Array.from({ length: 6 }, (_, i) => ({
      name: `A${i}`,
      email: `a${i}@example.org`,
    }));
    const res = await api(cluster.url, '/api/events', {
      method: 'POST',
      json: {
        title: 'Cluster mail',
        start: '2027-03-01T10:00',
        end: '2027-03-01T11:00',
        timeZone: 'Europe/Berlin',
        organizer: { name: 'Org', email: 'org@example.org' },
        attendees,
      },
    });
    expect(res.status).toBe(201);
    await waitFor(
      async () => {
        const r = await api(cluster.url, '/api/outbox');
        return ((await r.json()) as { pending: number }).pending === 0;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'the outbox to empty' },
    );
    // A little longer: a duplicate would come from a worker still sending.
    await new Promise((r) => setTimeout(r, 1500));
    const to = smtp.messages.map((m) => m.to[0]).sort();
    expect(to).toEqual(attendees.map((a) => a.email).sort());
  });

  it('rate limits are per instance: one limit holds across both instances', async () => {
    const id = await createLink();
    const statuses: number[] = [];
    // One client address (as the balancer forwards it), alternating between the instances.
    for (let i = 0; i < 70; i++) {
      const res = await joinAt(inst((i % 2) as 0 | 1).url, id, `R${i}`, {
        'x-forwarded-for': '203.0.113.7',
      });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    expect(statuses.slice(60).every((s) => s === 429)).toBe(true);
  });

  it('regression: the join page limit was per instance (N instances served N × the limit); it holds once across both', async () => {
    const id = await createLink();
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await fetch(`${inst((i % 2) as 0 | 1).url}/j/${id}`, {
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    expect(statuses.slice(40).every((s) => s === 429)).toBe(true);
  });

  it('two people through different instances and nodes see each other; the cap holds across nodes; webhooks through the balancer record the real leave time', async () => {
    const id = await createLink({ title: 'Across nodes', maxParticipants: 2 });
    const bea = await person();
    const ali = await person();
    // Bea first, through instance 2 (node 2), so the room lives on node 2.
    await joinPage(bea, `${inst(1).url}/j/${id}`, 'Bea');
    await joinPage(ali, `${inst(0).url}/j/${id}`, 'Ali');
    await Promise.all([
      seesVideoOf(ali, 'Bea', CROSS_NODE_MS),
      seesVideoOf(bea, 'Ali', CROSS_NODE_MS),
    ]).catch(async (error: unknown) => {
      const own = await bea.evaluate(() => document.body.dataset.state).catch(() => '?');
      const tiles = await bea
        .locator('.lk-participant-tile')
        .evaluateAll((ts) =>
          ts.map((t) =>
            [...t.attributes]
              .filter((a) => a.name.startsWith('data-'))
              .map((a) => `${a.name}=${a.value}`)
              .join(' '),
          ),
        )
        .catch(() => []);
      // What each LiveKit node says of the room: whether Bea published at all, and where.
      const servers = await Promise.all(
        cluster.nodes.map(async (n, i) => {
          const rooms = new RoomServiceClient(n.url.replace(/^ws/, 'http'), n.apiKey, n.apiSecret);
          const people = await rooms
            .listParticipants(roomOf({ id }))
            .catch((e: Error) => e.message);
          return `node ${i + 1}: ${
            typeof people === 'string'
              ? people
              : people
                  .map(
                    (p) =>
                      `${p.name} [${p.tracks.map((t) => `${TrackSource[t.source]}${t.muted ? ' muted' : ''}`).join(', ')}]`,
                  )
                  .join('; ')
          }`;
        }),
      );
      throw new Error(
        `Bea's page (${own}): ${JSON.stringify(tiles)}; the media servers: ${servers.join(' | ')}`,
        { cause: error },
      );
    });
    for (const base of [inst(0).url, inst(1).url]) {
      const third = await joinAt(base, id, 'Third');
      expect(third.status).toBe(409);
    }
    const attendance = async () =>
      (
        (await (await api(cluster.url, `/api/links/${id}/attendance`)).json()) as {
          attendance: { name: string; joinedAt: string; leftAt: string | null }[];
        }
      ).attendance;
    await waitFor(async () => (await attendance()).length === 2, {
      timeoutMs: 20_000,
      what: 'both joins recorded by webhook',
    });
    const leftAt = Date.now();
    await ali.getByRole('button', { name: 'Leave' }).click();
    await waitFor(async () => (await attendance()).some((a) => a.name === 'Ali' && a.leftAt), {
      timeoutMs: 30_000,
      what: "Ali's leave recorded by webhook",
    });
    const aliRecord = (await attendance()).find((a) => a.name === 'Ali');
    // LiveKit's createdAt has whole seconds.
    expect(Math.abs(Date.parse(aliRecord?.leftAt ?? '') - leftAt)).toBeLessThan(3000);
  });

  it('kill one callink instance under bounded load: 0 errors on the other, 0 lost acknowledged writes', async () => {
    const acknowledged: string[] = [];
    const otherErrors: number[] = [];
    const viaBalancer: number[] = [];
    let stop = false;
    const worker = async (base: string, errors: number[]) => {
      while (!stop) {
        try {
          const res = await api(base, '/api/links', { method: 'POST', json: { title: 'load' } });
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
          else errors.push(res.status);
        } catch {
          errors.push(0);
        }
      }
    };
    const load = [
      worker(inst(1).url, otherErrors),
      worker(inst(1).url, otherErrors),
      worker(cluster.url, viaBalancer),
      worker(cluster.url, viaBalancer),
    ];
    await new Promise((r) => setTimeout(r, 1500));
    await inst(0).kill();
    await new Promise((r) => setTimeout(r, 2500));
    stop = true;
    await Promise.all(load);
    console.log(
      `instance killed: ${acknowledged.length} writes acknowledged, ${otherErrors.length} errors on the other instance, ${viaBalancer.length} through the balancer (${viaBalancer.join(',')})`,
    );
    expect(otherErrors).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(20);
    for (const id of acknowledged) {
      const res = await api(inst(1).url, `/api/links/${id}`);
      expect(res.status).toBe(200);
    }
    await inst(0).start();
  });

  it(
    'a dead LiveKit node makes one instance useless but healthy: readiness 503, the page says the service is unavailable, joins go elsewhere and recover',
    { timeout: 180_000 },
    async () => {
      const id = await createLink({ title: 'Node down' });
      const bea = await person();
      const ali = await person();
      await joinPage(bea, `${inst(1).url}/j/${id}`, 'Bea');
      await joinPage(ali, `${inst(0).url}/j/${id}`, 'Ali');
      await seesVideoOf(bea, 'Ali', CROSS_NODE_MS);

      await node(0).kill();
      await waitFor(async () => (await ready(inst(0).url)) === 503, {
        timeoutMs: 15_000,
        what: 'instance 1 to report not ready',
      });
      expect(await (await fetch(`${inst(0).url}/healthz`)).json()).toMatchObject({
        ok: true,
        livekit: 'down',
      });
      expect(await ready(inst(1).url)).toBe(200);
      // The balancer drains instance 1: every join through it succeeds.
      await waitFor(() => cluster.balancer.healthy().length === 1, {
        timeoutMs: 5000,
        what: 'the balancer to drain instance 1',
      });
      for (let i = 0; i < 4; i++) {
        const res = await joinAt(cluster.url, id, `Via LB ${i}`);
        expect(res.status).toBe(200);
        expect(((await res.json()) as { livekitUrl: string }).livekitUrl).toBe(node(1).url);
      }
      // Someone who opens the link on instance 1 is told it is the service, not their network.
      const late = await person();
      await late.goto(`${inst(0).url}/j/${id}`);
      await stateOf(late, 'error');
      const text = await late.locator('body').innerText();
      expect(text).toContain('The call service is unavailable right now');
      expect(text).not.toContain('Your network blocks calls');
      // Bea, on node 2, is told Ali's connection was lost (or no longer sees him).
      try {
        await bea.waitForFunction(
          () =>
            /Ali lost their connection/.test(
              document.getElementById('peer-lost')?.textContent ?? '',
            ) ||
            ![...document.querySelectorAll('[data-participant]')].some((tile) =>
              /\bAli\b/.test(tile.textContent ?? ''),
            ),
          undefined,
          { timeout: 90_000 },
        );
      } finally {
        // Whatever Bea saw, the node comes back: the next test needs both.
        await node(0).start();
      }
      await waitFor(async () => (await ready(inst(0).url)) === 200, {
        timeoutMs: 20_000,
        what: 'instance 1 to be ready again',
      });
      expect((await joinAt(inst(0).url, id, 'Back')).status).toBe(200);
    },
  );

  it('LIVEKIT_URL with two nodes: joins through instance 2 fail over to node 1 while node 2 is down', async () => {
    const id = await createLink();
    await node(1).kill();
    try {
      const res = await joinAt(inst(1).url, id, 'Failover');
      expect(res.status).toBe(200);
      expect(((await res.json()) as { livekitUrl: string }).livekitUrl).toBe(node(0).url);
      expect(await ready(inst(1).url)).toBe(200);
    } finally {
      await node(1).start();
    }
  });
});
