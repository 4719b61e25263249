/**
 * Teams have owners: organizers see and change only their own teams and feeds (another
 * owner's answer 404, like unknown ones), put events only into their own teams, and list
 * their own teams (with feeds, never their secrets) and events; admins see everything.
 * Over HTTP, on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, makeStore, type TestApp } from '../support/app.js';
import { createDatabase } from '../support/postgres.js';

interface Team {
  id: string;
  name: string;
  feeds?: { id: string; createdAt: string; revokedAt: string | null }[];
}
interface Ev {
  id: string;
  title: string;
  teamId: string | null;
}
const code = async (res: Response) =>
  ((await res.json()) as { error: { code: string; details?: { field?: string } } }).error;

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`team and event ownership over HTTP on ${kind}`, () => {
    let app: TestApp;
    let cleanup: () => void;
    let ann: string;
    let bob: string;
    const post = async <T>(path: string, json: object | undefined, token?: string) => {
      const res = await app.api(path, {
        method: 'POST',
        ...(json ? { json } : {}),
        ...(token ? { token } : {}),
      });
      expect(res.status, `${path}: ${res.status}`).toBe(201);
      return (await res.json()) as T;
    };
    const event = (title: string, token: string | undefined, extra: object = {}) =>
      app.api('/api/events', {
        method: 'POST',
        ...(token ? { token } : {}),
        json: {
          title,
          start: '2030-01-07T10:00:00',
          end: '2030-01-07T11:00:00',
          timeZone: 'Europe/Berlin',
          organizer: { name: 'Ann', email: 'ann@example.org' },
          ...extra,
        },
      });

    beforeAll(async () => {
      const url =
        kind === 'postgres'
          ? await createDatabase({ url: inject('pgUrl') }, 'http_team_owner')
          : undefined;
      const made = await makeStore(kind, url);
      cleanup = made.cleanup;
      app = await startTestApp({ store: made.store });
      ann = (await post<{ key: string }>('/api/keys', { name: 'Ann', role: 'organizer' })).key;
      bob = (await post<{ key: string }>('/api/keys', { name: 'Bob', role: 'organizer' })).key;
    });
    afterAll(async () => {
      await app.close();
      await app.store.close();
      cleanup();
    });

    it("keeps another organizer's team and feeds out of reach (404), admins reach all", async () => {
      const team = await post<Team>('/api/teams', { name: 'Ann team' }, ann);
      const feed = await post<{ id: string; url: string }>(
        `/api/teams/${team.id}/feeds`,
        undefined,
        ann,
      );
      const paths = [
        ['GET', `/api/teams/${team.id}`],
        ['POST', `/api/teams/${team.id}/feeds`],
        ['GET', `/api/teams/${team.id}/feeds`],
        ['DELETE', `/api/teams/${team.id}/feeds/${feed.id}`],
      ] as const;
      for (const [method, path] of paths) {
        const res = await app.api(path, { method, token: bob });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect((await code(res)).code).toBe('not_found');
      }
      // Nothing changed: still one feed, not revoked, and it still serves.
      const feeds = (await app.store.feeds.list(team.id)).map((f) => [f.id, f.revokedAt]);
      expect(feeds).toEqual([[feed.id, null]]);
      expect((await fetch(`${app.url}${new URL(feed.url).pathname}`)).status).toBe(200);

      expect((await app.api(`/api/teams/${team.id}`, { token: ann })).status).toBe(200);
      expect((await app.api(`/api/teams/${team.id}`)).status).toBe(200); // admin token
      const revoked = await app.api(`/api/teams/${team.id}/feeds/${feed.id}`, { method: 'DELETE' });
      expect(revoked.status).toBe(204);
      expect((await app.store.teams.get(team.id))?.ownerId).toBe(
        (await app.store.keys.list()).find((k) => k.name === 'Ann')?.id,
      );
    });

    it('lists only the caller’s teams with their feeds, never a secret or URL', async () => {
      const mine = await post<Team>('/api/teams', { name: 'Bob team' }, bob);
      const f1 = await post<{ id: string; url: string }>(
        `/api/teams/${mine.id}/feeds`,
        undefined,
        bob,
      );
      const f2 = await post<{ id: string }>(`/api/teams/${mine.id}/feeds`, undefined, bob);
      await app.api(`/api/teams/${mine.id}/feeds/${f1.id}`, { method: 'DELETE', token: bob });
      const res = await app.api('/api/teams', { token: bob });
      expect(res.status).toBe(200);
      const text = await res.text();
      const { teams } = JSON.parse(text) as { teams: Team[] };
      expect(teams.map((t) => t.name)).toEqual(['Bob team']);
      expect(teams[0]?.feeds?.map((f) => [f.id, f.revokedAt === null])).toEqual([
        [f1.id, false],
        [f2.id, true],
      ]);
      expect(Object.keys(teams[0]?.feeds?.[0] ?? {}).sort()).toEqual([
        'createdAt',
        'id',
        'revokedAt',
      ]);
      expect(text).not.toContain(new URL(f1.url).pathname.slice(7, 30));
      // No key names a secret or a URL, and no value is one. (Matched on the keys, not the whole
      // text: a random feed id once held "Url" and failed a full run.)
      expect(text).not.toMatch(/"[^"]*(secret|url)[^"]*"\s*:/i);
      expect(text).not.toMatch(/(https?|webcal):/i);

      const all = (await (await app.api('/api/teams')).json()) as { teams: Team[] };
      expect(all.teams.map((t) => t.name)).toEqual(['Bob team', 'Ann team']);
      const none = await app.api('/api/teams', {
        token: (await post<{ key: string }>('/api/keys', { name: 'C', role: 'organizer' })).key,
      });
      expect(await none.json()).toEqual({ teams: [] });
    });

    it('puts an event only into a team its creator may see', async () => {
      const annTeam = await post<Team>('/api/teams', { name: 'Ann 2' }, ann);
      const bobTeam = await post<Team>('/api/teams', { name: 'Bob 2' }, bob);
      const before = (await app.store.events.list({ limit: 1000 })).length;
      const refused = await event('Sneak', ann, { teamId: bobTeam.id });
      expect(refused.status).toBe(404);
      expect(await code(refused)).toMatchObject({
        code: 'not_found',
        details: { field: 'teamId' },
      });
      expect((await app.store.events.list({ limit: 1000 })).length).toBe(before);
      const teamBefore = await app.store.teams.get(bobTeam.id);
      expect(teamBefore?.version).toBe(0);

      const ok = await event('Mine', ann, { teamId: annTeam.id });
      expect(ok.status).toBe(201);
      const { id } = (await ok.json()) as Ev;
      const patch = (teamId: string | null, token?: string) =>
        app.api(`/api/events/${id}`, {
          method: 'PATCH',
          json: { teamId },
          ...(token ? { token } : {}),
        });
      expect((await patch(bobTeam.id, ann)).status).toBe(404);
      // An admin may edit Ann's event, but not move it into a team Ann cannot see.
      expect((await patch(bobTeam.id)).status).toBe(404);
      expect((await app.store.events.get(id))?.teamId).toBe(annTeam.id);
      expect((await app.store.teams.get(bobTeam.id))?.version).toBe(0);
      // Unchanged team, out of the team, and back in: all fine.
      expect((await patch(annTeam.id, ann)).status).toBe(200);
      expect((await patch(null)).status).toBe(200);
      expect((await patch(annTeam.id)).status).toBe(200);
      // The admin token's own events go anywhere.
      expect((await event('Admin', undefined, { teamId: bobTeam.id })).status).toBe(201);
    });

    it('lists only the caller’s events, newest first, up to ?limit', async () => {
      const carol = (await post<{ key: string }>('/api/keys', { name: 'Carol', role: 'organizer' }))
        .key;
      for (const title of ['one', 'two', 'three'])
        expect((await event(title, carol)).status).toBe(201);
      expect((await event('other', bob)).status).toBe(201);
      const list = async (query: string, token?: string) => {
        const res = await app.api(`/api/events${query}`, token ? { token } : {});
        expect(res.status).toBe(200);
        return ((await res.json()) as { events: Ev[] }).events.map((e) => e.title);
      };
      expect(await list('', carol)).toEqual(['three', 'two', 'one']);
      expect(await list('?limit=2', carol)).toEqual(['three', 'two']);
      expect(await list('?limit=1', bob)).toEqual(['other']);
      const all = await list('?limit=1000');
      expect(all.slice(0, 4)).toEqual(['other', 'three', 'two', 'one']);
      expect(all).toContain('Mine');
      for (const bad of ['?limit=0', '?limit=1001', '?limit=abc', '?limit=1.5', '?owner=x']) {
        const res = await app.api(`/api/events${bad}`, { token: carol });
        expect(res.status, bad).toBe(400);
        expect((await code(res)).code).toBe('validation_failed');
      }
    });
  });
}
