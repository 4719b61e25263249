/**
 * Issue 14, item 8: feed addresses (secrets) were kept in localStorage whatever "remember me"
 * said, and stayed after sign-out, readable by any page of the origin (the join page too).
 * Real Chromium, the built organizer page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchChromium } from '../support/browser.js';
import { webAppOptions } from '../support/web.js';

let app: TestApp;
let browser: Browser;
beforeAll(async () => {
  app = await startTestApp({ appOptions: webAppOptions() });
  browser = await launchChromium({ grantMedia: false });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function organizerKey(): Promise<string> {
  const res = await app.api('/api/keys', {
    method: 'POST',
    json: { name: 'Feeds', role: 'organizer' },
  });
  return ((await res.json()) as { key: string }).key;
}

async function makeFeed(page: Page, key: string, remember: boolean): Promise<string> {
  await page.goto(`${app.url}/`);
  await page.getByLabel('Organizer key').fill(key);
  if (remember) await page.getByLabel('Remember me on this device').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  const teams = page.getByRole('form', { name: 'New team' });
  await teams.getByLabel('Team name').fill('Ops');
  await teams.getByRole('button', { name: 'Create team' }).click();
  await page.getByRole('button', { name: 'New feed for Ops' }).click();
  const code = page.locator('#team-list li[data-feed-id] code');
  await code.waitFor();
  const webcal = (await code.textContent()) ?? '';
  return webcal.split('/feeds/')[1]?.replace(/\.ics$/, '') ?? '';
}

const stored = (page: Page) =>
  page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));

describe('feed addresses in the browser', () => {
  let context: BrowserContext;
  it('feed URLs are not kept in localStorage without remember me, and leave at sign-out', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    const secret = await makeFeed(page, await organizerKey(), false);
    expect(secret.length).toBeGreaterThan(10);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(secret);
    // The join page (same origin, another tab) cannot read this tab's sessionStorage.
    const other = await context.newPage();
    await other.goto(`${app.url}/j/aaaaaaaaaaaaaaaaaaaaaaaaaaaa`);
    expect(await stored(other)).not.toContain(secret);
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await stored(page)).not.toContain(secret);
    await context.close();
  });

  it('a remembered sign-in keeps feed URLs only until sign-out', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    const secret = await makeFeed(page, await organizerKey(), true);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).toContain(secret);
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await stored(page)).not.toContain(secret);
    await context.close();
  });
});
