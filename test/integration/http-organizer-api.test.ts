/**
 * The API behind the organizer page's weekly work, over HTTP with a real SQLite store:
 * PATCH /api/links/:id (owner-scoped, within policy, audited, id kept), the recurrence
 * preview (the server's own rule check) and "this and following" (split per RFC 5545).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { expandWithIcalJs, expandWithPython } from '../support/expand.js';

interface Link {
  id: string;
  url: string;
  title: string | null;
  lobby: boolean;
  maxParticipants: number;
}
interface EventView {
  id: string;
  uid: string;
  sequence: number;
  linkId: string;
  linkUrl: string;
  start: string;
  end: string;
  recurrence: string | null;
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const json = async <T>(res: Response) => ({ status: res.status, body: (await res.json()) as T });

async function organizerKey(name: string): Promise<string> {
  const res = await app.api('/api/keys', { method: 'POST', json: { name, role: 'organizer' } });
  return ((await res.json()) as { key: string }).key;
}

describe('PATCH /api/links/:id', () => {
  it('renames a link, turns its lobby on and changes its size, keeping its id and URL', async () => {
    const made = await json<Link>(
      await app.api('/api/links', { method: 'POST', json: { title: 'Weekly', lobby: false } }),
    );
    const res = await json<Link>(
      await app.api(`/api/links/${made.body.id}`, {
        method: 'PATCH',
        json: { title: 'Weekly sync (new name)', lobby: true, maxParticipants: 12 },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: made.body.id,
      url: made.body.url,
      title: 'Weekly sync (new name)',
      lobby: true,
      maxParticipants: 12,
    });
    const read = await json<Link>(await app.api(`/api/links/${made.body.id}`));
    expect(read.body.lobby).toBe(true);
  });

  it('writes who changed the link and what it was before into the audit log', async () => {
    const made = await json<Link>(
      await app.api('/api/links', { method: 'POST', json: { title: 'Before' } }),
    );
    await app.api(`/api/links/${made.body.id}`, { method: 'PATCH', json: { title: 'After' } });
    const { body } = await json<{
      entries: {
        action: string;
        target: string;
        before: { title: string };
        after: { title: string };
      }[];
    }>(await app.api('/api/audit?limit=5'));
    const entry = body.entries.find((e) => e.action === 'link.update' && e.target === made.body.id);
    expect(entry?.before.title).toBe('Before');
    expect(entry?.after.title).toBe('After');
  });

  it('refuses a call size above the policy with 400 and changes nothing', async () => {
    await app.api('/api/policy', {
      method: 'PUT',
      json: { ...DEFAULT_POLICY, maxParticipants: 20 },
    });
    try {
      const made = await json<Link>(
        await app.api('/api/links', { method: 'POST', json: { maxParticipants: 10 } }),
      );
      const res = await json<{ error: { code: string } }>(
        await app.api(`/api/links/${made.body.id}`, {
          method: 'PATCH',
          json: { maxParticipants: 50, title: 'x' },
        }),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      const read = await json<Link>(await app.api(`/api/links/${made.body.id}`));
      expect(read.body).toMatchObject({ maxParticipants: 10, title: null });
    } finally {
      await app.api('/api/policy', { method: 'PUT', json: DEFAULT_POLICY });
    }
  });

  it("answers 404 to an organizer for another owner's link, and 400 for unknown fields", async () => {
    const made = await json<Link>(await app.api('/api/links', { method: 'POST', json: {} }));
    const key = await organizerKey('someone else');
    const res = await app.api(`/api/links/${made.body.id}`, {
      method: 'PATCH',
      token: key,
      json: { title: 'mine now' },
    });
    expect(res.status).toBe(404);
    const bad = await app.api(`/api/links/${made.body.id}`, {
      method: 'PATCH',
      json: { e2ee: true },
    });
    expect(bad.status).toBe(400);
  });

  it('answers 410 for a revoked link', async () => {
    const made = await json<Link>(await app.api('/api/links', { method: 'POST', json: {} }));
    await app.api(`/api/links/${made.body.id}`, { method: 'DELETE' });
    const res = await app.api(`/api/links/${made.body.id}`, {
      method: 'PATCH',
      json: { lobby: true },
    });
    expect(res.status).toBe(410);
  });
});

describe('POST /api/recurrence/preview', () => {
  it('lists the next five Tuesdays and Thursdays and counts ten in all', async () => {
    const res = await json<{
      rule: string;
      occurrences: { start: string }[];
      total: number;
      last: string;
    }>(
      await app.api('/api/recurrence/preview', {
        method: 'POST',
        json: {
          start: '2027-03-02T09:00',
          end: '2027-03-02T09:30',
          timeZone: 'Europe/Berlin',
          recurrence: 'RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10',
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.occurrences.map((o) => o.start)).toEqual([
      '2027-03-02T09:00:00',
      '2027-03-04T09:00:00',
      '2027-03-09T09:00:00',
      '2027-03-11T09:00:00',
      '2027-03-16T09:00:00',
    ]);
    expect(res.body.total).toBe(10);
    // Berlin changes to summer time on 28 March: the wall-clock time stays 09:00.
    expect(res.body.last).toBe('2027-04-01T09:00:00');
  });

  it('refuses a rule the scheduler would refuse, with the same code', async () => {
    const res = await json<{ error: { code: string } }>(
      await app.api('/api/recurrence/preview', {
        method: 'POST',
        json: {
          start: '2027-03-02T09:00',
          timeZone: 'Europe/Berlin',
          recurrence: 'RRULE:FREQ=HOURLY',
        },
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_recurrence');
  });

  it('says a series without end has no total', async () => {
    const res = await json<{ total: number | null; occurrences: unknown[] }>(
      await app.api('/api/recurrence/preview', {
        method: 'POST',
        json: {
          start: '2027-03-09T09:00',
          timeZone: 'Europe/Berlin',
          recurrence: 'RRULE:FREQ=MONTHLY;BYDAY=2TU',
        },
      }),
    );
    expect(res.body.total).toBeNull();
    expect(res.body.occurrences).toHaveLength(5);
  });
});

describe('POST /api/events/:id/occurrences/:start/split (this and following)', () => {
  const weekly = {
    title: 'Standup',
    start: '2027-03-02T09:00',
    end: '2027-03-02T09:30',
    timeZone: 'Europe/Berlin',
    organizer: { name: 'Ann', email: 'ann@example.org' },
    attendees: [{ name: 'Bob', email: 'bob@example.org' }],
    recurrence: 'RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10',
  };

  it('ends the old series before the occurrence and starts a new one with the same link, no gap or overlap', async () => {
    const made = await json<EventView>(
      await app.api('/api/events', { method: 'POST', json: weekly }),
    );
    const before = expandWithIcalJs(
      await (await app.api(`/api/events/${made.body.id}/invite.ics`)).text(),
    ).get(made.body.uid);
    expect(before).toHaveLength(10);

    const res = await json<{ before: EventView; after: EventView }>(
      await app.api(`/api/events/${made.body.id}/occurrences/2027-03-16T09:00/split`, {
        method: 'POST',
        json: { title: 'Standup (later)', start: '2027-03-16T10:00', end: '2027-03-16T10:30' },
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.before.sequence).toBe(1);
    expect(res.body.before.recurrence).toMatch(/UNTIL=20270316T075959Z/);
    expect(res.body.before.recurrence).not.toMatch(/COUNT/);
    expect(res.body.after.uid).not.toBe(made.body.uid);
    expect(res.body.after.linkId).toBe(made.body.linkId);
    expect(res.body.after.recurrence).toMatch(/COUNT=6/);

    const oldIcs = await (await app.api(`/api/events/${made.body.id}/invite.ics`)).text();
    const newIcs = await (await app.api(`/api/events/${res.body.after.id}/invite.ics`)).text();
    for (const expand of [expandWithIcalJs, expandWithPython]) {
      const first = expand(oldIcs).get(made.body.uid) ?? [];
      const second = expand(newIcs).get(res.body.after.uid) ?? [];
      expect(first).toEqual(before?.slice(0, 4));
      // The rest moved one hour later; together they are the ten meetings, none twice.
      expect(second).toEqual(
        before?.slice(4).map((s) => new Date(Date.parse(s) + 3_600_000).toISOString()),
      );
      expect(first.length + second.length).toBe(10);
    }
    expect(oldIcs).toContain(made.body.linkUrl);
    expect(newIcs).toContain(made.body.linkUrl);
  });

  it('changes the whole series when split at its first occurrence', async () => {
    const made = await json<EventView>(
      await app.api('/api/events', { method: 'POST', json: weekly }),
    );
    const res = await json<{ before: null; after: EventView }>(
      await app.api(`/api/events/${made.body.id}/occurrences/2027-03-02T09:00/split`, {
        method: 'POST',
        json: { title: 'Renamed' },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.before).toBeNull();
    expect(res.body.after).toMatchObject({ id: made.body.id, sequence: 1 });
  });

  it('answers 404 for a time that is not an occurrence', async () => {
    const made = await json<EventView>(
      await app.api('/api/events', { method: 'POST', json: weekly }),
    );
    const res = await app.api(`/api/events/${made.body.id}/occurrences/2027-03-03T09:00/split`, {
      method: 'POST',
      json: {},
    });
    expect(res.status).toBe(404);
  });
});

describe('DELETE /api/events/:id/occurrences/:start/following (cancel this and following)', () => {
  const weekly = {
    title: 'Standup',
    start: '2027-03-02T09:00',
    end: '2027-03-02T09:30',
    timeZone: 'Europe/Berlin',
    organizer: { name: 'Ann', email: 'ann@example.org' },
    attendees: [{ name: 'Bob', email: 'bob@example.org' }],
    recurrence: 'RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10',
  };
  // Its own app, with mail on (nothing is sent: no outbox worker runs), to see what is queued.
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { CALLINK_SMTP_URL: 'smtp://127.0.0.1:9' } });
  });
  afterAll(() => app?.close());
  const queuedFor = async (eventId: string) =>
    (await app.store.outbox.claimDue(new Date(), new Date(Date.now() + 86_400_000), 1000, 't'))
      .filter((m) => m.eventId === eventId)
      .map((m) => ({ to: m.to, method: m.method, ics: m.ics }));

  it('ends the series before the occurrence and sends the attendees the shortened rule', async () => {
    const made = await json<EventView>(
      await app.api('/api/events', { method: 'POST', json: weekly }),
    );
    await queuedFor(made.body.id); // the first invites
    const res = await json<{ event: EventView & { status: string }; cancelled: boolean }>(
      await app.api(`/api/events/${made.body.id}/occurrences/2027-03-16T09:00/following`, {
        method: 'DELETE',
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.cancelled).toBe(false);
    expect(res.body.event).toMatchObject({ id: made.body.id, sequence: 1, status: 'confirmed' });
    expect(res.body.event.recurrence).toMatch(/UNTIL=20270316T075959Z/);

    const ics = await (await app.api(`/api/events/${made.body.id}/invite.ics`)).text();
    for (const expand of [expandWithIcalJs, expandWithPython]) {
      expect(expand(ics).get(made.body.uid)).toEqual([
        '2027-03-02T08:00:00.000Z',
        '2027-03-04T08:00:00.000Z',
        '2027-03-09T08:00:00.000Z',
        '2027-03-11T08:00:00.000Z',
      ]);
    }
    const mail = await queuedFor(made.body.id);
    expect(mail.map((m) => [m.to, m.method])).toEqual([['"Bob" <bob@example.org>', 'REQUEST']]);
    expect(mail[0]?.ics).toMatch(/UNTIL=20270316T075959Z/);
    expect(mail[0]?.ics).toMatch(/SEQUENCE:1/);
  });

  it('cancels the whole series from its first occurrence, with the CANCEL mail', async () => {
    const made = await json<EventView>(
      await app.api('/api/events', { method: 'POST', json: weekly }),
    );
    await queuedFor(made.body.id);
    const res = await json<{ event: { status: string }; cancelled: boolean }>(
      await app.api(`/api/events/${made.body.id}/occurrences/2027-03-02T09:00/following`, {
        method: 'DELETE',
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cancelled: true, event: { status: 'cancelled' } });
    expect((await queuedFor(made.body.id)).map((m) => m.method)).toEqual(['CANCEL']);
  });

  it('answers 404 for a time that is not an occurrence and 409 once the series is cancelled', async () => {
    const made = await json<EventView>(
      await app.api('/api/events', { method: 'POST', json: weekly }),
    );
    const wrong = await app.api(
      `/api/events/${made.body.id}/occurrences/2027-03-03T09:00/following`,
      { method: 'DELETE' },
    );
    expect(wrong.status).toBe(404);
    await app.api(`/api/events/${made.body.id}`, { method: 'DELETE' });
    const late = await app.api(
      `/api/events/${made.body.id}/occurrences/2027-03-16T09:00/following`,
      { method: 'DELETE' },
    );
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('conflict');
  });
});

describe('GET /api/agenda with answers', () => {
  it("counts each occurrence's answers: its own where given, else the series'", async () => {
    const made = await json<EventView>(
      await app.api('/api/events', {
        method: 'POST',
        json: {
          title: 'Answered sync',
          start: '2027-03-02T09:00',
          end: '2027-03-02T09:30',
          timeZone: 'Europe/Berlin',
          organizer: { name: 'Ann', email: 'ann@example.org' },
          attendees: [
            { name: 'Bob', email: 'bob@example.org' },
            { name: 'Cy', email: 'cy@example.org' },
            { name: 'Di', email: 'di@example.org' },
          ],
          recurrence: 'RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=2',
        },
      }),
    );
    const answer = (email: string, recurrenceId: string, rsvp: 'accepted' | 'declined') =>
      app.store.rsvps.put({
        eventId: made.body.id,
        email,
        recurrenceId,
        rsvp,
        sequence: 0,
        source: 'mail-button',
        answeredAt: new Date(),
      });
    await answer('bob@example.org', '', 'accepted'); // the whole series
    await answer('cy@example.org', '2027-03-09T09:00:00', 'declined'); // the second only
    await answer('bob@example.org', '2027-03-09T09:00:00', 'declined'); // overrides his yes there
    const { body } = await json<{
      items: { eventId: string; recurrenceId: string; answers: Record<string, number> | null }[];
    }>(await app.api('/api/agenda?days=366'));
    const mine = body.items.filter((i) => i.eventId === made.body.id);
    expect(mine.map((i) => [i.recurrenceId, i.answers])).toEqual([
      ['2027-03-02T09:00:00', { invited: 3, accepted: 1, tentative: 0, declined: 0, none: 2 }],
      ['2027-03-09T09:00:00', { invited: 3, accepted: 0, tentative: 0, declined: 2, none: 1 }],
    ]);
    // An event without invitees has nothing to count.
    const alone = await json<EventView>(
      await app.api('/api/events', {
        method: 'POST',
        json: {
          title: 'Alone',
          start: '2027-03-03T09:00',
          end: '2027-03-03T09:30',
          timeZone: 'Europe/Berlin',
          organizer: { name: 'Ann', email: 'ann@example.org' },
        },
      }),
    );
    expect(alone.status).toBe(201);
    const again = await json<{ items: { eventId: string; answers: unknown }[] }>(
      await app.api('/api/agenda?days=366'),
    );
    expect(again.body.items.find((i) => i.eventId === alone.body.id)?.answers).toBeNull();
  });
});
