/**
 * Invites built through the real use cases with a pinned clock and counting ids must match the
 * golden files byte for byte (UPDATE_GOLDEN=1 rewrites them), read back the same in ical.js
 * and python3-icalendar, and lint clean.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintCalendar } from '../../src/core/ics/lint.js';
import { buildDownload, buildInvite } from '../../src/core/ics/build.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import type { Store } from '../../src/core/ports.js';
import {
  cancelEvent,
  changeOccurrence,
  createEvent,
  eventLinkUrl,
  updateEvent,
  type EventDeps,
} from '../../src/core/usecases/schedule-event.js';
import { makeStore } from '../support/app.js';
import { readWithIcalJs, readWithPython } from '../support/calendar-readers.js';
import { countingIds, pinnedClock } from '../support/pinned.js';

const EXPECTED = join(import.meta.dirname, '../../fixtures/expected');
const outputs: Record<string, string> = {};

function golden(name: string, text: string): void {
  outputs[name] = text;
  const file = join(EXPECTED, `${name}.ics`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('invites against golden files', () => {
  let store: Store;
  let cleanup: () => void;
  let deps: EventDeps;
  const clock = pinnedClock('2026-03-01T12:00:00Z');

  beforeAll(async () => {
    ({ store, cleanup } = await makeStore('sqlite'));
    deps = {
      store,
      clock,
      ids: countingIds(),
      publicUrl: 'https://meet.example.org',
      policy: DEFAULT_POLICY,
      mail: false,
    };
  });
  afterAll(async () => {
    await store.close();
    cleanup();
  });

  it('builds request, update, occurrence and cancel invites byte for byte', async () => {
    const event = await createEvent(
      deps,
      {
        title: 'Weekly design review',
        start: '2026-03-10T09:00',
        end: '2026-03-10T10:00',
        timeZone: 'Europe/Berlin',
        organizer: { name: 'Ann Organizer', email: 'ann@example.org' },
        attendees: [
          { name: 'Bob', email: 'bob@example.org' },
          { name: 'Zoë Ünicode', email: 'zoe@example.org' },
        ],
        description: 'Agenda:\n1. Mockups\n2. Decisions',
        recurrence: 'RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=8',
      },
      null,
    );
    const linkUrl = eventLinkUrl(deps, event);
    golden(
      'invite-request',
      buildInvite({ event, linkUrl }, { method: 'REQUEST', stamp: clock.now() }),
    );

    clock.advance(3600_000);
    const moved = await updateEvent(deps, event.id, {
      start: '2026-03-10T10:00',
      end: '2026-03-10T11:00',
    });
    expect(moved.sequence).toBe(1);
    golden(
      'invite-update',
      buildInvite({ event: moved, linkUrl }, { method: 'REQUEST', stamp: clock.now() }),
    );

    clock.advance(3600_000);
    const one = await changeOccurrence(deps, event.id, '2026-03-17T10:00', 'cancel');
    golden(
      'invite-occurrence-cancel',
      buildInvite(
        { event: one.event, linkUrl },
        { method: 'CANCEL', stamp: clock.now(), occurrence: one.occurrence },
      ),
    );

    clock.advance(3600_000);
    const cancelled = await cancelEvent(deps, event.id);
    expect(cancelled.sequence).toBe(3);
    golden(
      'invite-cancel',
      buildInvite({ event: cancelled, linkUrl }, { method: 'CANCEL', stamp: clock.now() }),
    );
    golden('download', buildDownload({ event: moved, linkUrl }));
  });

  it('carries the link in LOCATION, URL, DESCRIPTION, X-ALT-DESC and CONFERENCE', () => {
    const text = outputs['invite-request'] as string;
    const link = /^LOCATION:(\S+)/m.exec(text)?.[1] as string;
    expect(link).toMatch(/^https:\/\/meet\.example\.org\/j\/[0-9a-z]{28}$/);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain(`URL;VALUE=URI:${link}`);
    expect(unfolded).toContain(`DESCRIPTION:Join the call: ${link}\\nOpen the link in any browser`);
    expect(unfolded).toContain(`X-ALT-DESC;FMTTYPE=text/html:<p><a href="${link}">`);
    expect(unfolded).toContain(`CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Join the call:${link}`);
    expect(unfolded).toMatch(/BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT10M/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('is read the same by ical.js and python3-icalendar', () => {
    const names = Object.keys(outputs);
    const python = readWithPython(names.map((n) => outputs[n] as string));
    names.forEach((name, i) => {
      const js = readWithIcalJs(outputs[name] as string);
      const py = python[i]!;
      expect(py.errors).toEqual([]);
      expect(py.method).toBe(js.method);
      expect(py.timezones).toEqual(['Europe/Berlin']);
      expect(js.timezones).toEqual(['Europe/Berlin']);
      expect(py.events.map((e) => [e.uid, e.sequence, e.status, e.tzid])).toEqual(
        js.events.map((e) => [e.uid, e.sequence, e.status, e.tzid]),
      );
      for (const e of [...py.events, ...js.events]) {
        expect(e.conference).toBe(e.location);
        expect(e.url).toBe(e.location);
      }
    });
    const req = readWithIcalJs(outputs['invite-request'] as string);
    expect(req.method).toBe('REQUEST');
    expect(req.events[0]?.attendees).toEqual(['mailto:bob@example.org', 'mailto:zoe@example.org']);
    const cancel = python[names.indexOf('invite-cancel')]!;
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.events[0]?.uid).toBe(req.events[0]?.uid);
    expect(cancel.events[0]?.sequence).toBe(3);
    const occ = python[names.indexOf('invite-occurrence-cancel')]!;
    expect(occ.events[0]?.recurrenceId).toBe('2026-03-17T10:00:00+01:00');
  });

  it('lints clean, and the sequence of messages lints clean as a series', () => {
    for (const [name, text] of Object.entries(outputs)) {
      expect({ name, problems: lintCalendar(text).problems }).toEqual({ name, problems: [] });
    }
    const history = [outputs['invite-request'] as string, outputs['invite-update'] as string];
    expect(
      lintCalendar(outputs['invite-cancel'] as string, { previous: history }).problems,
    ).toEqual([]);
    expect(
      lintCalendar(outputs['invite-request'] as string, {
        previous: [outputs['invite-cancel'] as string],
      }).problems.map((p) => p.kind),
    ).toContain('sequence_decreased');
  });
});
