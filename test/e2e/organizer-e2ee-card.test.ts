/**
 * The organizer page's card for a new end-to-end encrypted link, in real Chromium: a
 * key-exchange link (the default) carries no key, so the card says it may go into calendars
 * and that a host in the call lets guests in; only a passphrase link (key after "#k=") says
 * the key is in the link and shown only now. The E2EE box also ticks the lobby, which such a
 * link always has. No WebRTC here, so no network namespace is needed.
 * Screenshots go to /tmp/shots/e2ee2.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { en } from '../../src/adapters/http/i18n/organizer/en.js';
import { DEFAULT_WEB_DIR } from '../../src/adapters/http/web-build.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/app.js';
import { launchChromium } from '../support/browser.js';
import { shoot } from '../support/shots.js';
import { webAppOptions } from '../support/web.js';

const SHOTS = '/tmp/shots/e2ee2';
let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(DEFAULT_WEB_DIR, 'organizer', 'index.html'))) {
    throw new Error('The organizer page is not built: run "npx vite build" first.');
  }
  app = await startTestApp({ appOptions: webAppOptions() });
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
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  page = await context.newPage();
  problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) problems.push(m.text());
  });
  // The default policy has no lobby by default: the E2EE box must tick it by itself.
  await app.api('/api/policy', {
    method: 'PUT',
    json: { ...DEFAULT_POLICY, lobbyByDefault: false },
  });
  await page.goto(`${app.url}/`);
  await page.getByLabel('Organizer key').fill(TEST_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Call links' }).waitFor({ timeout: 30_000 });
});

/** Creates an E2EE link with the page's form; returns its card once shown. */
async function createE2eeLink(title: string) {
  const form = page.getByRole('form', { name: 'New call link' });
  await form.getByLabel('Title').fill(title);
  await form.getByRole('checkbox', { name: 'End-to-end encryption' }).check();
  await form.getByRole('button', { name: 'Create link' }).click();
  const card = page.locator('#link-result .card.result');
  await card.waitFor({ timeout: 30_000 });
  return card;
}

it('says a key-exchange link is safe in calendars and a host lets guests in, with no "#k=" sentence (regression: every E2EE card said the key was after "#k=")', async () => {
  const form = page.getByRole('form', { name: 'New call link' });
  const lobby = form.getByRole('checkbox', { name: /Lobby/ });
  expect(await lobby.isChecked()).toBe(false);
  await form.getByRole('checkbox', { name: 'End-to-end encryption' }).check();
  expect(await lobby.isChecked()).toBe(true);
  expect(await lobby.isDisabled()).toBe(true);
  await expect.poll(() => form.getByText(en.e2ee_lobby_hint).isVisible()).toBe(true);
  await form.getByRole('checkbox', { name: 'End-to-end encryption' }).uncheck();

  // Regression: with the policy's lobby off, E2EE was refused (400: always has a lobby).
  const card = await createE2eeLink('Board meeting');
  const text = (await card.textContent()) ?? '';
  expect(text).toContain(en.e2ee_exchange_note);
  expect(text).toContain('safe to put in calendars');
  expect(text).toContain('A host in the call lets each guest in');
  expect(text).not.toContain('#k=');
  expect(text).not.toContain(en.e2ee_key_warning);
  const url = await card.getByRole('textbox', { name: 'Link address' }).inputValue();
  expect(url).not.toContain('#');
  const linkId = await card.getAttribute('data-link-id');
  const res = await app.api(`/api/links/${linkId}`);
  const link = (await res.json()) as { e2ee: boolean; e2eeMode: string; lobby: boolean };
  expect(link).toMatchObject({ e2ee: true, e2eeMode: 'exchange', lobby: true });
  await shoot(page, SHOTS, 'link-card-exchange', card);
});

it('says the key is in the link after "#k=" only for a passphrase link', async () => {
  // The page offers key-exchange links only; a passphrase link is made as the API and CLI
  // make it: the page's own request, with the mode the API takes.
  await page.route('**/api/links', async (route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.continue();
    const body = JSON.parse(request.postData() ?? '{}') as Record<string, unknown>;
    await route.continue({ postData: JSON.stringify({ ...body, e2eeMode: 'passphrase' }) });
  });
  const card = await createE2eeLink('Legacy call');
  const text = (await card.textContent()) ?? '';
  expect(text).toContain(en.e2ee_key_warning);
  expect(text).not.toContain(en.e2ee_exchange_note);
  const url = await card.getByRole('textbox', { name: 'Link address' }).inputValue();
  expect(url).toMatch(/#k=[\w-]{43}$/);
  await shoot(page, SHOTS, 'link-card-passphrase', card);
});
