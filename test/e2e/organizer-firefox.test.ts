/**
 * The event form with its repeat controls in a second engine: Debian's firefox-esr (Gecko,
 * over WebDriver BiDi) makes a weekly Tuesday and Thursday meeting, 10 times; the preview and
 * summary come from the server, and python3-icalendar expands the invite to the dates shown.
 * No media here, but run it in the loopback-only namespace like the other Firefox test.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/app.js';
import { launchFirefox } from '../support/browser.js';
import { expandWithPython } from '../support/expand.js';
import { webAppOptions } from '../support/web.js';

const ZONE = 'Europe/Berlin';
let app: TestApp;
let firefox: Awaited<ReturnType<typeof launchFirefox>>;

beforeAll(async () => {
  app = await startTestApp({ appOptions: webAppOptions() });
  firefox = await launchFirefox();
});
afterAll(async () => {
  await firefox?.close();
  await app?.close();
});

describe('firefox-esr', { timeout: 120_000 }, () => {
  it('makes a weekly Tuesday and Thursday meeting, 10 times, from the event form', async () => {
    let tuesday = DateTime.now().setZone(ZONE).startOf('day').plus({ days: 2 });
    while (tuesday.weekday !== 2) tuesday = tuesday.plus({ days: 1 });
    const page = await firefox.browser.newPage();
    await page.goto(`${app.url}/`);
    await page.waitForSelector('input[name="key"]');
    await page.type('input[name="key"]', TEST_TOKEN);
    await page.click('form[aria-label="Sign in"] button[type="submit"]');
    await page.waitForSelector('form[aria-label="New event"]');
    // Date and time inputs differ between engines when typed into: set them as a script would.
    await page.evaluate((date: string) => {
      const form = document.querySelector('form[aria-label="New event"]') as HTMLFormElement;
      const set = (name: string, value: string) => {
        const input = form.querySelector(`[name="${name}"]`) as HTMLInputElement;
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      };
      set('title', 'Gecko planning');
      set('date', date);
      set('start', '09:00');
      set('end', '09:30');
      set('timeZone', 'Europe/Berlin');
      set('organizerName', 'Ann');
      set('organizerEmail', 'ann@example.org');
      set('attendees', 'Bob <bob@example.org>');
    }, tuesday.toFormat('yyyy-LL-dd'));
    await page.select('select[name="repeat"]', 'weekly');
    await page.click('input[name="byday"][value="TH"]');
    await page.click('input[name="ends"][value="count"]');
    await page.evaluate(() => {
      const count = document.querySelector('input[name="count"]') as HTMLInputElement;
      count.value = '10';
      count.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForFunction(
      () =>
        document.querySelectorAll('#repeat-preview li[data-start]').length === 5 &&
        document.querySelector('#repeat-preview')?.getAttribute('data-total') === '10',
      { timeout: 30_000 },
    );
    const summary = await page.$eval('#repeat-summary', (p) => p.textContent);
    expect(summary).toMatch(/^Every Tuesday and Thursday at .+ Berlin time, 10 times$/);
    const shown = await page.$$eval('#repeat-preview li[data-start]', (items) =>
      items.map((li) => li.getAttribute('data-start') ?? ''),
    );
    await page.click('form[aria-label="New event"] button[type="submit"]');
    await page.waitForSelector('#event-result [data-event-id]', { timeout: 30_000 });
    const id = await page.$eval('#event-result [data-event-id]', (d) =>
      d.getAttribute('data-event-id'),
    );
    const event = (await (await app.api(`/api/events/${id}`)).json()) as { uid: string };
    const ics = await (await app.api(`/api/events/${id}/invite.ics`)).text();
    const expanded = expandWithPython(ics).get(event.uid) ?? [];
    expect(expanded).toHaveLength(10);
    expect(expanded.slice(0, 5)).toEqual(
      shown.map((s) =>
        DateTime.fromISO(s, { zone: ZONE }).toUTC().toFormat("yyyy-LL-dd'T'HH:mm:ss.000'Z'"),
      ),
    );
    await page.close();
  });
});
