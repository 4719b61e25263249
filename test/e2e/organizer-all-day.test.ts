/**
 * The organizer page's "All day" checkbox in real Chromium: the times step aside, the event is
 * stored as dates (end exclusive) and shown as a day. With CALLINK_SHOTS=DIR it also leaves
 * screenshots (desktop and phone, light and dark) for a person to look at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WEB_DIR } from '../../src/adapters/http/web-build.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchChromium } from '../support/browser.js';
import { webAppOptions } from '../support/web.js';

let app: TestApp;
let browser: Browser;

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

describe('the organizer page’s event form', () => {
  it.each([
    ['desktop', 1280, 800, 'light'],
    ['phone', 390, 844, 'dark'],
    ['desktop', 1280, 800, 'dark'],
    ['phone', 390, 844, 'light'],
  ] as const)(
    'creates an all-day event with the All day checkbox (%s, %s)',
    { timeout: 120_000 },
    async (kind, width, height, colorScheme) => {
      const context = await browser.newContext({
        viewport: { width, height },
        colorScheme,
        timezoneId: 'Europe/Berlin',
      });
      const page = await context.newPage();
      const res = await app.api('/api/keys', {
        method: 'POST',
        json: { name: 'Ana', role: 'organizer' },
      });
      const { key } = (await res.json()) as { key: string };
      await page.goto(`${app.url}/`);
      await page.getByLabel('Organizer key').fill(key);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const form = page.getByRole('form', { name: 'New event' });
      await form.waitFor();
      await form.getByLabel('Title').fill('Offsite workshop');
      await form.getByLabel('Date', { exact: true }).fill('2027-06-07');
      await form.getByLabel('All day').check();
      await expect.poll(() => form.getByLabel('Starts', { exact: true }).isHidden()).toBe(true);
      await form.getByLabel('Your name').fill('Ana');
      await form.getByLabel('Your email').fill('ana@example.org');
      await form.getByLabel('Attendees').fill('bo@example.org');
      const shots = process.env.CALLINK_SHOTS;
      if (shots) mkdirSync(shots, { recursive: true });
      if (shots) {
        await form.screenshot({ path: join(shots, `form-${kind}-${colorScheme}.png`) });
      }
      await form.getByRole('button', { name: 'Create event' }).click();
      const card = page.locator('#event-result [data-event-id]');
      await card.waitFor();
      await expect.poll(() => card.textContent()).toContain('Monday, June 7, 2027 (all day');
      const stored = await app.store.events.get((await card.getAttribute('data-event-id')) ?? '');
      expect([stored?.start, stored?.end]).toEqual(['2027-06-07', '2027-06-08']);
      if (shots) {
        await card.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(shots, `card-${kind}-${colorScheme}.png`) });
      }
      await context.close();
    },
  );
});
