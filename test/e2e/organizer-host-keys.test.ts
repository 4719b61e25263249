/**
 * A link's host links on the organizer page in real Chromium: make one, see the link's host
 * keys listed, revoke one after the confirmation; the HTTP API then shows it revoked and a join
 * with it is refused, while the other host key still opens the call.
 * No WebRTC here, so no network namespace is needed. Screenshots go to /tmp/shots/hostkeys.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject, it } from 'vitest';
import { DEFAULT_WEB_DIR } from '../../src/adapters/http/web-build.js';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/app.js';
import { launchChromium } from '../support/browser.js';
import { shoot } from '../support/shots.js';
import { webAppOptions } from '../support/web.js';

const SHOTS = '/tmp/shots/hostkeys';
let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[] = [];
let dialogs: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(DEFAULT_WEB_DIR, 'organizer', 'index.html'))) {
    throw new Error('The organizer page is not built: run "npx vite build" first.');
  }
  app = await startTestApp({
    appOptions: webAppOptions(),
    overrides: { rooms: createLivekitRooms({ ...inject('livekit'), loopback: true }) },
  });
  browser = await launchChromium({ grantMedia: false });
});
afterEach(() => {
  expect(problems).toEqual([]);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
});
beforeEach(async () => {
  context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    timezoneId: 'Europe/Berlin',
    locale: 'en-GB',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  page = await context.newPage();
  dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.accept();
  });
  problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) problems.push(m.text());
  });
  await app.api('/api/policy', { method: 'PUT', json: DEFAULT_POLICY });
});

interface HostKeyRow {
  id: string;
  revokedAt: string | null;
  active: boolean;
}

async function hostKeys(linkId: string): Promise<HostKeyRow[]> {
  const res = await app.api(`/api/links/${linkId}/host-keys`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { hostKeys: HostKeyRow[] }).hostKeys;
}

function joinAsHost(linkId: string, hostKey: string): Promise<Response> {
  return app.api(`/api/links/${linkId}/join`, {
    method: 'POST',
    token: null,
    json: { name: 'Hanna Host', hostKey },
  });
}

it("lists a link's host keys on the organizer page and revokes one (regression: host keys could not be revoked from the page)", async () => {
  await page.goto(`${app.url}/`);
  await page.getByLabel('Organizer key').fill(TEST_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Call links' }).waitFor();

  // A link with a long title (it must not widen the page).
  const title = 'Quarterly planning with the whole regional sales and support team '.repeat(2);
  await page.getByRole('form', { name: 'New call link' }).getByLabel('Title').fill(title);
  await page.getByRole('checkbox', { name: /lobby/i }).first().check();
  await page.getByRole('button', { name: 'Create link' }).click();
  const row = page.locator('#link-list li[data-link-id]').first();
  await row.waitFor();
  const linkId = (await row.getAttribute('data-link-id'))!;

  // No host links yet; make one on the page.
  await row.getByRole('button', { name: 'Host links' }).click();
  const card = page.getByRole('region', { name: /^Host links of / });
  await card.getByText('No host links yet.').waitFor();
  await card.getByRole('button', { name: 'Make a host link' }).click();
  const hostUrl = (await card.locator('code.secret').textContent())!;
  const pageKey = /#host=(hk_[A-Za-z0-9_-]+)$/.exec(hostUrl)?.[1];
  expect(pageKey, `host URL shown: ${hostUrl}`).toBeTruthy();
  await expect.poll(() => card.locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);

  // A second host key, made over the API: the list shows both, both active.
  const made = await app.api(`/api/links/${linkId}/host-key`, { method: 'POST' });
  expect(made.status).toBe(201);
  const other = (await made.json()) as { id: string; hostKey: string };
  await card.getByRole('button', { name: 'Close' }).click();
  await row.getByRole('button', { name: 'Host links' }).click();
  await expect.poll(() => card.locator('tbody tr').count(), { timeout: 15_000 }).toBe(2);
  const headers = await card.locator('th').allTextContents();
  expect(headers.slice(0, 3)).toEqual(['Created', 'Expires', 'State']);
  expect(await card.locator('tbody td:nth-child(3)').allTextContents()).toEqual([
    'active',
    'active',
  ]);
  const pageKeyId = (await hostKeys(linkId)).find((k) => k.id !== other.id)!.id;
  expect((await joinAsHost(linkId, pageKey!)).status).toBe(200);

  await shoot(page, SHOTS, 'host-links', card);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
    true,
  );
  await page.setViewportSize({ width: 1280, height: 800 });

  // Revoke the key made on the page, after the confirmation.
  const target = card.locator(`tr[data-host-key="${pageKeyId}"]`);
  await target.getByRole('button', { name: /^Revoke the host link made / }).click();
  await card.getByText('Host link revoked.').waitFor();
  expect(dialogs).toEqual(['Revoke this host link? Whoever holds it can no longer join as host.']);
  await expect.poll(() => target.getAttribute('data-revoked'), { timeout: 15_000 }).toBe('yes');
  expect(await target.locator('td:nth-child(3)').textContent()).toMatch(/^revoked /);
  expect(await target.getByRole('button').count()).toBe(0);
  await shoot(page, SHOTS, 'host-links-revoked', card);

  // Over the HTTP API: that key is revoked, the other is not; a join with it is refused.
  const keys = await hostKeys(linkId);
  const revoked = keys.find((k) => k.id === pageKeyId)!;
  expect(revoked.revokedAt).not.toBeNull();
  expect(revoked.active).toBe(false);
  expect(keys.find((k) => k.id === other.id)).toMatchObject({ revokedAt: null, active: true });
  const refused = await joinAsHost(linkId, pageKey!);
  expect(refused.status).toBe(403);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  expect((await joinAsHost(linkId, other.hostKey)).status).toBe(200);
}, 180_000);
