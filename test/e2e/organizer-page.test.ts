/**
 * The organizer page in real Chromium: sign in with a key, create a link and hand it on
 * (copy, QR), revoke it, manage the policy; organizers see only their own links.
 * No WebRTC here, so no network namespace is needed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WEB_DIR } from '../../src/adapters/http/web-build.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/app.js';
import { launchChromium } from '../support/browser.js';
import { webAppOptions } from '../support/web.js';

let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  if (!existsSync(join(DEFAULT_WEB_DIR, 'organizer', 'index.html'))) {
    throw new Error('The organizer page is not built: run "npm run build:web" first.');
  }
  app = await startTestApp({ appOptions: webAppOptions() });
  browser = await launchChromium({ grantMedia: false });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});
beforeEach(async () => {
  await context?.close();
  context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  await app.api('/api/policy', { method: 'PUT', json: DEFAULT_POLICY });
});

async function newKey(
  name: string,
  role: 'admin' | 'organizer',
): Promise<{ id: string; key: string }> {
  const res = await app.api('/api/keys', { method: 'POST', json: { name, role } });
  return (await res.json()) as { id: string; key: string };
}

async function signIn(key: string): Promise<void> {
  await page.goto(`${app.url}/`);
  await page.getByLabel('Organizer key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Call links' }).waitFor();
}

const linkForm = () => page.getByRole('form', { name: 'New call link' });

describe('the organizer page', () => {
  it('serves / with no inline script', async () => {
    const res = await fetch(`${app.url}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/organizer-[\w-]+\.js">/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('refuses a wrong key and a revoked one with a plain sentence', async () => {
    await page.goto(`${app.url}/`);
    await page.getByLabel('Organizer key').fill('ck_not_a_real_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/not valid/);
    const k = await newKey('Gone', 'organizer');
    await app.api(`/api/keys/${k.id}`, { method: 'DELETE' });
    await page.getByLabel('Organizer key').fill(k.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/revoked/);
  });

  it('creates a link, copies it, shows its QR code, and revokes it', async () => {
    const k = await newKey('Ana', 'organizer');
    await signIn(k.key);
    await expect.poll(() => page.getByText(`Signed in as Ana (organizer)`).count()).toBe(1);

    await linkForm().getByLabel('Title').fill('Weekly sync');
    await linkForm().getByLabel('Lobby').check();
    await linkForm().getByLabel('Call size').fill('8');
    await linkForm().getByRole('button', { name: 'Create link' }).click();

    const card = page.locator('#link-result');
    const url = await card.getByLabel('Link address').inputValue();
    expect(url).toMatch(/^http:\/\/localhost:9999\/j\/[0-9a-z]{28}$/);
    const id = url.slice(-28);
    expect(await app.store.links.get(id)).toMatchObject({
      title: 'Weekly sync',
      lobby: true,
      maxParticipants: 8,
      ownerId: k.id,
    });

    await card.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => card.getByRole('button', { name: 'Copied' }).count()).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

    // The QR image is what the qrcode library makes for exactly this URL.
    const qr = card.getByRole('img', { name: 'QR code for Weekly sync' });
    const src = await qr.getAttribute('src');
    const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    expect(decodeURIComponent(src?.split(',')[1] ?? '')).toBe(svg);
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    const row = page.locator(`#link-list li[data-link-id="${id}"]`);
    await row.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => row.getAttribute('data-revoked')).toBe('yes');
    expect((await app.store.links.get(id))?.revokedAt).not.toBeNull();
    expect((await fetch(`${app.url}/j/${id}`)).status).toBe(410);
  });

  it('shows an organizer only their own links', async () => {
    const mine = await newKey('Mine', 'organizer');
    const other = await newKey('Other', 'organizer');
    const made = await app.api('/api/links', {
      method: 'POST',
      json: { title: 'Not yours' },
      token: other.key,
    });
    const theirs = (await made.json()) as { id: string };
    await app.api('/api/links', {
      method: 'POST',
      json: { title: 'Admin call' },
      token: TEST_TOKEN,
    });
    await signIn(mine.key);
    await expect.poll(() => page.locator('#link-list').textContent()).toMatch(/No links yet/);
    expect(await page.locator(`[data-link-id="${theirs.id}"]`).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Organization' }).count()).toBe(0);
  });

  it('lets an admin switch links off; creation then says so, and the audit log shows it', async () => {
    const boss = await newKey('Boss', 'admin');
    await signIn(boss.key);
    const policy = page.getByRole('form', { name: 'Policy' });
    await policy.getByLabel('Calls and new links are allowed').uncheck();
    await policy.getByRole('button', { name: 'Save policy' }).click();
    await expect.poll(() => policy.getByRole('status').textContent()).toMatch(/saved/);
    expect(await (await app.api('/api/policy')).json()).toMatchObject({ linksEnabled: false });
    await expect
      .poll(() => page.getByRole('table', { name: 'Audit log' }).textContent())
      .toMatch(/Boss.*policy\.update/);

    await linkForm().getByRole('button', { name: 'Create link' }).click();
    await expect
      .poll(() => linkForm().getByRole('status').textContent())
      .toMatch(/disabled by your organization/);
  });

  it('refuses a bad policy whole and lists the problem', async () => {
    await signIn(TEST_TOKEN);
    const policy = page.getByRole('form', { name: 'Policy' });
    for (const name of ['Chrome', 'Edge', 'Firefox', 'Safari', 'Samsung Internet']) {
      await policy.getByLabel(name, { exact: true }).uncheck();
    }
    await policy.getByRole('button', { name: 'Save policy' }).click();
    await expect.poll(() => policy.locator('.problems').textContent()).toMatch(/allowedBrowsers/);
    expect(await (await app.api('/api/policy')).json()).toEqual(DEFAULT_POLICY);
  });

  it('creates a key that is shown once, and it signs in', async () => {
    await signIn(TEST_TOKEN);
    const keys = page.getByRole('form', { name: 'New key' });
    await keys.getByLabel('Name').fill('New organizer');
    await keys.getByRole('button', { name: 'Create key' }).click();
    const shown = page.locator('code.secret');
    await shown.waitFor();
    const key = (await shown.textContent()) ?? '';
    expect(key).toMatch(/^ck_/);
    const me = await app.api('/api/me', { token: key });
    expect(await me.json()).toMatchObject({ name: 'New organizer', role: 'organizer' });
    await page.reload();
    await page.getByRole('heading', { name: 'Call links' }).waitFor();
    expect(await page.locator('code.secret').count()).toBe(0);
  });
});
