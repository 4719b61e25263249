/**
 * The organizer's weekly work in real Chromium: a recurring meeting made with the repeat
 * controls (checked against python3-icalendar), one meeting moved and one cancelled (override
 * and EXDATE in the team feed), "this and following" (two series, ical.js, same link), link
 * settings (a join afterwards waits in the lobby), long text that never widens the page, and
 * axe in light and dark. Screenshots of each state go to /tmp/shots/organizer.
 * The join page runs its network check (WebRTC): run in the loopback-only namespace.
 */
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import { axeViolations } from '../support/axe.js';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/app.js';
import { launchChromium } from '../support/browser.js';
import { expandWithIcalJs, expandWithPython } from '../support/expand.js';
import { shoot } from '../support/shots.js';
import { webAppOptions } from '../support/web.js';

const SHOTS = '/tmp/shots/organizer';
const ZONE = 'Europe/Berlin';
let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[] = [];

/** The next Tuesday at least two days ahead, in Berlin. */
function nextTuesday(): DateTime {
  let d = DateTime.now().setZone(ZONE).startOf('day').plus({ days: 2 });
  while (d.weekday !== 2) d = d.plus({ days: 1 });
  return d;
}
const tuesday = nextTuesday();
const day = (offset: number) => tuesday.plus({ days: offset }).toFormat('yyyy-LL-dd');

beforeAll(async () => {
  const lk = inject('livekit');
  app = await startTestApp({
    appOptions: { ...webAppOptions(), mediaUrl: lk.url },
    overrides: { rooms: createLivekitRooms({ ...lk, loopback: true }) },
  });
  browser = await launchChromium({ grantMedia: false });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
});
beforeEach(async () => {
  await context?.close();
  context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    timezoneId: ZONE,
    locale: 'en-GB',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) problems.push(m.text());
  });
  await app.api('/api/policy', { method: 'PUT', json: DEFAULT_POLICY });
});

async function signIn(): Promise<void> {
  await page.goto(`${app.url}/`);
  await page.getByLabel('Organizer key').fill(TEST_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Call links' }).waitFor();
}

const weekly = (extra: object = {}) => ({
  title: 'Team sync',
  start: `${day(0)}T09:00`,
  end: `${day(0)}T09:30`,
  timeZone: ZONE,
  organizer: { name: 'Ann', email: 'ann@example.org' },
  attendees: [{ name: 'Bob', email: 'bob@example.org' }],
  recurrence: 'RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10',
  ...extra,
});

async function apiJson<T>(path: string, init?: Parameters<TestApp['api']>[1]): Promise<T> {
  const res = await app.api(path, init);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('the organizer page for weekly work', { timeout: 120_000 }, () => {
  it('makes a weekly Tuesday and Thursday meeting, 10 times, whose invite python3-icalendar expands to exactly the dates shown', async () => {
    await signIn();
    const form = page.getByRole('form', { name: 'New event' });
    await form.getByLabel('Title').fill('Weekly planning');
    await form.getByLabel('Date', { exact: true }).fill(day(0));
    await form.getByLabel('Starts', { exact: true }).fill('09:00');
    await form.getByLabel('Ends', { exact: true }).fill('09:30');
    await form.getByLabel('Time zone').selectOption(ZONE);
    await form.getByLabel(/^Repeat/).selectOption('weekly');
    await form.getByRole('checkbox', { name: /^Thu/ }).check();
    await form.getByRole('radio', { name: /^After/ }).check();
    await form.getByLabel('Number of meetings').fill('10');
    await form.getByLabel('Your name').fill('Ann');
    await form.getByLabel('Your email').fill('ann@example.org');
    await form.getByLabel('Attendees').fill('Bob <bob@example.org>');
    const summary = page.locator('#repeat-summary');
    await expect
      .poll(() => summary.textContent())
      .toBe('Every Tuesday and Thursday at 09:00 Berlin time, 10 times');
    const preview = page.locator('#repeat-preview li[data-start]');
    await expect.poll(() => preview.count(), { timeout: 20_000 }).toBe(5);
    await expect.poll(() => page.locator('#repeat-preview').getAttribute('data-total')).toBe('10');
    const shown = await preview.evaluateAll((items) =>
      items.map((li) => li.getAttribute('data-start') ?? ''),
    );
    await shoot(page, SHOTS, 'repeat-weekly', page.locator('#repeat-summary'));
    await form.getByRole('button', { name: 'Create event' }).click();
    const card = page.locator('#event-result [data-event-id]');
    await card.waitFor();
    const id = await card.getAttribute('data-event-id');
    const ics = await (await app.api(`/api/events/${id}/invite.ics`)).text();
    const event = await apiJson<{ uid: string }>(`/api/events/${id}`);
    const expanded = expandWithPython(ics).get(event.uid) ?? [];
    expect(expanded).toHaveLength(10);
    const shownUtc = shown.map((s) =>
      DateTime.fromISO(s, { zone: ZONE }).toUTC().toFormat("yyyy-LL-dd'T'HH:mm:ss.000'Z'"),
    );
    expect(expanded.slice(0, 5)).toEqual(shownUtc);
    // Every one is a Tuesday or Thursday at 09:00 in Berlin.
    for (const s of expanded) {
      const local = DateTime.fromISO(s).setZone(ZONE);
      expect([2, 4]).toContain(local.weekday);
      expect(local.toFormat('HH:mm')).toBe('09:00');
    }
    await shoot(page, SHOTS, 'event-created', page.locator('#event-result'));
    expect(problems).toEqual([]);
  });

  it('moves one meeting and cancels another from the agenda: the team feed has the override and the EXDATE', async () => {
    const team = await apiJson<{ id: string }>('/api/teams', {
      method: 'POST',
      json: { name: 'Feed team' },
    });
    const feed = await apiJson<{ url: string }>(`/api/teams/${team.id}/feeds`, {
      method: 'POST',
    });
    const ev = await apiJson<{ id: string; uid: string }>('/api/events', {
      method: 'POST',
      json: weekly({ title: 'Feed sync', teamId: team.id }),
    });
    await signIn();
    const moved = `${day(2)}T09:00:00`; // the Thursday
    const cancelled = `${day(7)}T09:00:00`; // the Tuesday after
    const item = (occ: string) =>
      page.locator(`#agenda li[data-event-id="${ev.id}"][data-occurrence="${occ}"]`);
    await item(moved).waitFor();
    await shoot(page, SHOTS, 'agenda', page.locator('#agenda'));
    await item(moved).getByRole('button', { name: 'Change' }).click();
    const edit = page.getByRole('form', { name: 'Edit event' });
    expect(await edit.getByRole('radio', { name: 'Only this meeting' }).isChecked()).toBe(true);
    await shoot(page, SHOTS, 'edit-occurrence', page.locator('#event-edit'));
    await edit.getByLabel('Starts', { exact: true }).fill('11:00');
    await edit.getByLabel('Ends', { exact: true }).fill('11:30');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Event saved' }).waitFor();
    await item(cancelled).getByRole('button', { name: 'Change' }).click();
    await page.getByRole('button', { name: 'Cancel this meeting' }).click();
    await expect.poll(() => item(cancelled).count()).toBe(0);
    await expect
      .poll(() => item(moved).getAttribute('data-local-start'))
      .toBe(`${day(2)}T11:00:00`);

    const text = await (await fetch(feed.url.replace('http://localhost:9999', app.url))).text();
    const unfolded = text.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toMatch(
      new RegExp(`RECURRENCE-ID;TZID=${ZONE}:${day(2).replace(/-/g, '')}T090000`),
    );
    expect(unfolded).toMatch(new RegExp(`EXDATE;TZID=${ZONE}:${day(7).replace(/-/g, '')}T090000`));
    for (const expand of [expandWithPython, expandWithIcalJs]) {
      const starts = (expand(text).get(ev.uid) ?? []).slice().sort();
      expect(starts).toHaveLength(9);
      const local = starts.map((s) =>
        DateTime.fromISO(s).setZone(ZONE).toFormat("yyyy-LL-dd'T'HH:mm"),
      );
      expect(local).toContain(`${day(2)}T11:00`);
      expect(local).not.toContain(`${day(7)}T09:00`);
    }
    expect(problems).toEqual([]);
  });

  it('"this and following" from the page gives two series that ical.js expands with no gap or overlap, on the same link', async () => {
    const ev = await apiJson<{ id: string; uid: string; linkUrl: string }>('/api/events', {
      method: 'POST',
      json: weekly({ title: 'Split sync' }),
    });
    const before = expandWithIcalJs(
      await (await app.api(`/api/events/${ev.id}/invite.ics`)).text(),
    ).get(ev.uid);
    await signIn();
    const at = `${day(7)}T09:00:00`;
    const item = page.locator(`#agenda li[data-event-id="${ev.id}"][data-occurrence="${at}"]`);
    await item.getByRole('button', { name: 'Change' }).click();
    const edit = page.getByRole('form', { name: 'Edit event' });
    await edit.getByRole('radio', { name: 'This and all following meetings' }).check();
    await edit.getByLabel('Starts', { exact: true }).fill('10:00');
    await edit.getByLabel('Ends', { exact: true }).fill('10:30');
    await shoot(page, SHOTS, 'edit-following', page.locator('#event-edit'));
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Event saved' }).waitFor();
    const { events } = await apiJson<{
      events: { id: string; uid: string; linkUrl: string; title: string }[];
    }>('/api/events?limit=100');
    const series = events.filter((e) => e.title === 'Split sync');
    expect(series).toHaveLength(2);
    expect(new Set(series.map((e) => e.linkUrl))).toEqual(new Set([ev.linkUrl]));
    const all: string[] = [];
    for (const s of series) {
      const ics = await (await app.api(`/api/events/${s.id}/invite.ics`)).text();
      expect(ics.replace(/\r\n[ \t]/g, '')).toContain(`LOCATION:${ev.linkUrl}`);
      all.push(...(expandWithIcalJs(ics).get(s.uid) ?? []));
    }
    all.sort();
    expect(all).toHaveLength(10);
    expect(new Set(all).size).toBe(10);
    // The same dates as before; from the split on, one hour later.
    const cut = DateTime.fromISO(at, { zone: ZONE }).toUTC().toISO() ?? '';
    expect(all).toEqual(
      (before ?? []).map((s) => (s >= cut ? new Date(Date.parse(s) + 3_600_000).toISOString() : s)),
    );
    expect(problems).toEqual([]);
  });

  it('cancels "this and following" from the page: the series ends before that meeting in the invite and the agenda', async () => {
    const ev = await apiJson<{ id: string; uid: string }>('/api/events', {
      method: 'POST',
      json: weekly({ title: 'Ending sync' }),
    });
    const before = expandWithIcalJs(
      await (await app.api(`/api/events/${ev.id}/invite.ics`)).text(),
    ).get(ev.uid);
    await signIn();
    const at = `${day(7)}T09:00:00`;
    const items = page.locator(`#agenda li[data-event-id="${ev.id}"]`);
    await items.first().waitFor();
    await page
      .locator(`#agenda li[data-event-id="${ev.id}"][data-occurrence="${at}"]`)
      .getByRole('button', { name: 'Change' })
      .click();
    const edit = page.getByRole('form', { name: 'Edit event' });
    await edit.getByRole('radio', { name: 'This and all following meetings' }).check();
    await edit.getByRole('button', { name: 'Cancel this and following' }).scrollIntoViewIfNeeded();
    await shoot(page, SHOTS, 'cancel-following', page.locator('#event-edit .actions'));
    await edit.getByRole('button', { name: 'Cancel this and following' }).click();
    // Only the meetings before it are left on the agenda.
    await expect
      .poll(async () =>
        (await items.evaluateAll((li) => li.map((l) => l.getAttribute('data-occurrence')))).sort(),
      )
      .toEqual([`${day(0)}T09:00:00`, `${day(2)}T09:00:00`]);
    const ics = await (await app.api(`/api/events/${ev.id}/invite.ics`)).text();
    for (const expand of [expandWithIcalJs, expandWithPython]) {
      expect(expand(ics).get(ev.uid)).toEqual(before?.slice(0, 2));
    }
    expect(problems).toEqual([]);
  });

  it('renames a link and turns its lobby on from the page; a join afterwards waits in the lobby', async () => {
    const link = await apiJson<{ id: string }>('/api/links', {
      method: 'POST',
      json: { title: 'Old name', lobby: false },
    });
    await signIn();
    const row = page.locator(`#link-list li[data-link-id="${link.id}"]`);
    await row.getByRole('button', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Link settings' });
    await form.getByLabel('Title').fill('Weekly sync (renamed)');
    await form.getByLabel('Lobby: I let people in').check();
    await shoot(page, SHOTS, 'link-settings', page.locator('#link-edit'));
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => row.locator('strong').textContent()).toBe('Weekly sync (renamed)');
    await expect.poll(() => row.locator('small').textContent()).toContain('lobby');
    const join = await app.api(`/api/links/${link.id}/join`, {
      method: 'POST',
      token: null,
      json: { name: 'Guest' },
    });
    expect(join.status).toBe(202);
    expect(((await join.json()) as { status: string }).status).toBe('waiting');
    expect(problems).toEqual([]);
  });

  it('shows only the refusal after the policy refuses a call size (no stale "Link created.")', async () => {
    await app.api('/api/policy', {
      method: 'PUT',
      json: { ...DEFAULT_POLICY, maxParticipants: 50 },
    });
    await signIn();
    const form = page.getByRole('form', { name: 'New call link' });
    await form.getByRole('button', { name: 'Create link' }).click();
    await page.locator('#link-result [data-link-id]').waitFor();
    await form.getByLabel('Call size').evaluate((i) => i.removeAttribute('max'));
    await form.getByLabel('Call size').fill('500');
    await form.getByRole('button', { name: 'Create link' }).click();
    const status = form.getByRole('status');
    await expect.poll(() => status.getAttribute('data-kind')).toBe('error');
    expect(await status.textContent()).not.toContain('Link created');
    expect(await page.locator('#link-result [data-link-id]').count()).toBe(0);
    expect(await page.locator('#who').textContent()).toContain('Signed in with the admin token');
  });

  it('keeps the page as wide as the screen with a 300-character title and a 200-character word, at 1280 and 390', async () => {
    const word = 'W'.repeat(200);
    await apiJson('/api/links', { method: 'POST', json: { title: word } });
    const title = `${'Quarterly planning with everyone '.repeat(3)}${word}`.slice(0, 300);
    const ev = await apiJson<{ id: string }>('/api/events', {
      method: 'POST',
      json: weekly({ title, description: word }),
    });
    await apiJson('/api/teams', { method: 'POST', json: { name: word.slice(0, 100) } });
    await signIn();
    await page
      .locator(`#event-list li[data-event-id="${ev.id}"]`)
      .getByRole('button', { name: 'Show' })
      .click();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 844 });
      await page.waitForTimeout(100);
      const sizes = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(sizes.scroll, `page width at ${width}`).toBe(sizes.client);
    }
    await shoot(page, SHOTS, 'long-text', page.locator('#event-result'));
    await page
      .locator(`#event-list li[data-event-id="${ev.id}"]`)
      .getByRole('button', { name: 'Edit' })
      .click();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 844 });
      const w = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(w, `edit form overflow at ${width}`).toBe(0);
    }
    await shoot(page, SHOTS, 'long-text-edit', page.locator('#event-edit'));
  });

  it('has no axe violations in light and dark, signed out and signed in, with the repeat preview, an edit form and link settings open', async () => {
    await apiJson('/api/events', { method: 'POST', json: weekly({ title: 'Axe sync' }) });
    const check = async (state: string) => {
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        const violations = await axeViolations(page);
        expect(violations, `${state} (${scheme})`).toEqual([]);
      }
      await page.emulateMedia({ colorScheme: 'light' });
    };
    await page.goto(`${app.url}/`);
    await page.getByLabel('Organizer key').waitFor();
    await check('signed out');
    await shoot(page, SHOTS, 'signed-out');
    await signIn();
    await page.locator('#agenda li').first().waitFor();
    await check('signed in');
    await shoot(page, SHOTS, 'signed-in', page.locator('#links'));
    const form = page.getByRole('form', { name: 'New event' });
    await form.getByLabel(/^Repeat/).selectOption('monthly');
    await page.locator('#repeat-preview li[data-start]').first().waitFor();
    await check('repeat preview');
    await shoot(page, SHOTS, 'repeat-monthly', page.locator('#repeat-summary'));
    await page.locator('#agenda li').first().getByRole('button', { name: 'Change' }).click();
    await page.getByRole('form', { name: 'Edit event' }).waitFor();
    await check('edit form');
    await page.locator('#link-list li').first().getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('form', { name: 'Link settings' }).waitFor();
    await check('link settings');
    // A visible focus ring on a focused button in both schemes.
    await page
      .getByRole('form', { name: 'Link settings' })
      .getByRole('button', { name: 'Save changes' })
      .focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const outline = await page.evaluate(() => {
        const s = getComputedStyle(document.activeElement as Element);
        return { style: s.outlineStyle, width: s.outlineWidth };
      });
      expect(outline.style, scheme).toBe('solid');
      expect(outline.width, scheme).toBe('3px');
      await page.screenshot({ path: `${SHOTS}/focus-ring-${scheme}.png` });
    }
  });
});
