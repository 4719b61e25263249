/**
 * The organizer page lists the caller's teams, feeds and events from the server, so nothing
 * needs remembering in the browser: a feed made elsewhere shows (without its address, which
 * was shown only at creation) and can be revoked; a feed made here keeps its address across
 * reloads; other organizers' teams and events never show. Real Chromium, no WebRTC.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchChromium } from '../support/browser.js';
import { webAppOptions } from '../support/web.js';

let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ appOptions: webAppOptions() });
  browser = await launchChromium({ grantMedia: false });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
});
afterEach(async () => {
  await context.close();
  expect(problems).toEqual([]);
});

async function post<T>(path: string, json: object, token?: string): Promise<T> {
  const res = await app.api(path, { method: 'POST', json, ...(token ? { token } : {}) });
  expect(res.status, path).toBe(201);
  return (await res.json()) as T;
}
const event = (title: string, token: string, start: string) =>
  post(
    '/api/events',
    {
      title,
      start,
      end: start.replace('T10', 'T11'),
      timeZone: 'Europe/Berlin',
      organizer: { name: 'Ann', email: 'ann@example.org' },
    },
    token,
  );

async function signIn(key: string): Promise<void> {
  await page.goto(`${app.url}/`);
  await page.getByLabel('Organizer key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Call links' }).waitFor();
}

describe('organizer page lists from the server', () => {
  it("shows the caller's teams, feeds and events, and nobody else's", async () => {
    const { key } = await post<{ key: string }>('/api/keys', { name: 'Ann', role: 'organizer' });
    const other = await post<{ key: string }>('/api/keys', { name: 'Bob', role: 'organizer' });
    const team = await post<{ id: string }>('/api/teams', { name: 'Made by API' }, key);
    const feed = await post<{ id: string }>(`/api/teams/${team.id}/feeds`, {}, key);
    await post('/api/teams', { name: 'Bob team' }, other.key);
    await event('Older', key, '2030-01-07T10:00:00');
    await event('Newer', key, '2030-01-08T10:00:00');
    await event('Bob meeting', other.key, '2030-01-09T10:00:00');

    await signIn(key);
    const teams = page.locator('#team-list');
    await teams.getByText('Made by API', { exact: true }).waitFor();
    await expect.poll(() => teams.textContent()).not.toMatch(/Bob team/);
    const row = teams.locator(`li[data-feed-id="${feed.id}"]`);
    await expect.poll(() => row.textContent()).toMatch(/address was shown only then/);

    const events = page.locator('#event-list > li');
    await expect.poll(() => events.locator('strong').allTextContents()).toEqual(['Newer', 'Older']);
    await events.first().getByRole('button', { name: 'Show' }).click();
    await page.locator('#event-result [data-event-id]').getByText('Newer').waitFor();

    await row.getByRole('button', { name: 'Revoke feed' }).click();
    await expect.poll(() => teams.locator('li[data-feed-id]').count()).toBe(0);
    expect((await app.store.feeds.list(team.id))[0]?.revokedAt).not.toBeNull();
  });

  it('keeps the address of a feed made here across a reload, and lists the team once', async () => {
    const { key } = await post<{ key: string }>('/api/keys', { name: 'Cy', role: 'organizer' });
    await signIn(key);
    const form = page.getByRole('form', { name: 'New team' });
    await form.getByLabel('Team name').fill('Here team');
    await form.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('button', { name: 'New feed for Here team' }).click();
    const code = page.locator('#team-list li[data-feed-id] code');
    await code.waitFor();
    const webcal = await code.textContent();
    expect(webcal).toMatch(/^webcal:\/\/.+\/feeds\/[\w-]+\.ics$/);

    await page.reload();
    await page.getByRole('heading', { name: 'Call links' }).waitFor();
    await expect
      .poll(() => page.locator('#team-list li[data-feed-id] code').textContent())
      .toBe(webcal);
    await expect
      .poll(() => page.locator('#team-list > li strong').allTextContents())
      .toEqual(['Here team']);
  });
});
