/**
 * /metrics counts what happens in calls: joins by result where the join route answers,
 * lobby outcomes where a host decides or a knock expires, and whether LiveKit is up as the
 * health check saw it. Real livekit-server (the shared one).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { startTestApp, type TestApp } from '../support/app.js';

const lk = inject('livekit');
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ overrides: { rooms: createLivekitRooms({ ...lk, loopback: true }) } });
});
afterAll(async () => app.close());

async function metric(line: string): Promise<number> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  const m = text.split('\n').find((l) => l.startsWith(`${line} `));
  return m ? Number(m.split(' ').at(-1)) : 0;
}
const link = async (json: object) =>
  ((await (await app.api('/api/links', { method: 'POST', json })).json()) as { id: string }).id;
const join = (id: string, json: object = { name: 'Guest' }) =>
  app.api(`/api/links/${id}/join`, { method: 'POST', token: null, json });

describe('metrics from the call routes', () => {
  it('counts a token join, a lobby knock, an admit, a deny and refusals', async () => {
    const open = await link({ title: 'm' });
    expect((await join(open)).status).toBe(200);
    expect(await metric('callink_joins_total{result="token"}')).toBe(1);

    const lobby = await link({ title: 'm', lobby: true });
    const knock = await join(lobby);
    expect(knock.status).toBe(202);
    const { ticket } = (await knock.json()) as { ticket: string };
    expect(await metric('callink_joins_total{result="lobby"}')).toBe(1);

    const admit = () =>
      app.api(`/api/links/${lobby}/lobby/${ticket}/admit`, { method: 'POST', json: {} });
    expect((await admit()).status).toBe(204);
    expect((await admit()).status).toBe(204); // repeated: same outcome, counted once
    expect(await metric('callink_lobby_waits_total{result="admitted"}')).toBe(1);
    const poll = await fetch(`${app.url}/api/lobby/${ticket}`);
    expect(((await poll.json()) as { status: string }).status).toBe('admitted');

    const second = ((await (await join(lobby)).json()) as { ticket: string }).ticket;
    expect(
      (await app.api(`/api/links/${lobby}/lobby/${second}/deny`, { method: 'POST', json: {} }))
        .status,
    ).toBe(204);
    expect(await metric('callink_lobby_waits_total{result="denied"}')).toBe(1);

    const full = await link({ title: 'm', maxParticipants: 1 });
    // A join alone does not fill the room (nobody connected); a wrong host key is refused.
    expect((await join(full, { name: 'X', hostKey: 'hk_wrong' })).status).toBe(403);
    expect((await join('0000000000000000000000000000')).status).toBeGreaterThanOrEqual(400);
    expect(await metric('callink_joins_total{result="refused"}')).toBe(2);
  });

  it('sets callink_livekit_up from the health check', async () => {
    expect(
      ((await (await fetch(`${app.url}/healthz`)).json()) as { livekit: string }).livekit,
    ).toBe('up');
    expect(await metric('callink_livekit_up')).toBe(1);
  });

  it('counts unavailable when no media server answers', async () => {
    const down = await startTestApp();
    try {
      const id = (
        (await (await down.api('/api/links', { method: 'POST', json: {} })).json()) as {
          id: string;
        }
      ).id;
      const res = await down.api(`/api/links/${id}/join`, {
        method: 'POST',
        token: null,
        json: { name: 'G' },
      });
      expect(res.status).toBe(503);
      await fetch(`${down.url}/healthz`);
      const text = await (await fetch(`${down.url}/metrics`)).text();
      expect(text).toContain('callink_joins_total{result="unavailable"} 1');
      expect(text).toContain('callink_livekit_up 0');
    } finally {
      await down.close();
    }
  });
});
