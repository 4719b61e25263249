/**
 * /metrics counts feed polls by status: a full answer (200), a conditional one (304) and an
 * unknown or revoked secret (404), so operators see how calendar apps poll.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

async function feedHits(): Promise<Record<string, number>> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  const hits: Record<string, number> = {};
  for (const m of text.matchAll(/^callink_feed_requests_total\{status="(\d+)"\} (\d+)$/gm)) {
    hits[m[1] as string] = Number(m[2]);
  }
  return hits;
}

describe('feed metrics', () => {
  it('counts a 200, a 304 and 404s by status', async () => {
    expect(await feedHits()).toEqual({});
    const team = (await (
      await app.api('/api/teams', { method: 'POST', json: { name: 'Metrics team' } })
    ).json()) as { id: string };
    const feed = (await (
      await app.api(`/api/teams/${team.id}/feeds`, { method: 'POST' })
    ).json()) as { id: string; url: string };
    const url = `${app.url}${new URL(feed.url).pathname}`;

    const full = await fetch(url);
    expect(full.status).toBe(200);
    await full.text();
    const etag = full.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(`${app.url}/feeds/${'x'.repeat(43)}.ics`)).status).toBe(404);
    expect((await fetch(`${app.url}/feeds/nope`)).status).toBe(404);
    expect(await feedHits()).toEqual({ '200': 1, '304': 1, '404': 2 });

    // A revoked feed's URL counts as a 404 too.
    await app.api(`/api/teams/${team.id}/feeds/${feed.id}`, { method: 'DELETE' });
    expect((await fetch(url)).status).toBe(404);
    expect(await feedHits()).toEqual({ '200': 1, '304': 1, '404': 3 });
  });
});
