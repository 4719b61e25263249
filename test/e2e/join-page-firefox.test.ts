/**
 * The join page in a second engine: Debian's firefox-esr (Gecko) driven over WebDriver BiDi
 * runs the check, shows its device preview, joins, sees a Chromium participant's video, their
 * mic-off icon and their chat message (as text), and leaves.
 * Runs in the loopback-only namespace (WebRTC).
 */
import type { Browser as ChromiumBrowser } from 'playwright-core';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { assertLoopbackOnly, launchChromium, launchFirefox } from '../support/browser.js';
import { webAppOptions } from '../support/web.js';

let app: TestApp;
let firefox: Awaited<ReturnType<typeof launchFirefox>>;
let chromium: ChromiumBrowser;

beforeAll(async () => {
  assertLoopbackOnly();
  const lk = inject('livekit');
  app = await startTestApp({
    appOptions: { ...webAppOptions(), mediaUrl: lk.url },
    overrides: { rooms: createLivekitRooms({ ...lk, loopback: true }) },
  });
  [firefox, chromium] = await Promise.all([launchFirefox(), launchChromium({ webrtc: true })]);
});

afterAll(async () => {
  await firefox?.close();
  await chromium?.close();
  await app?.close();
});

const stateIs = (page: Page, state: string) =>
  page.waitForFunction((s) => document.body.dataset.state === s, { timeout: 20_000 }, state);

describe('firefox-esr', { timeout: 60_000 }, () => {
  it('passes the check, previews the camera, joins and sees a Chromium participant', async () => {
    const res = await app.api('/api/links', { method: 'POST', json: { title: 'Gecko' } });
    const { id } = (await res.json()) as { id: string };

    const other = await (await chromium.newContext()).newPage();
    await other.goto(`${app.url}/j/${id}`);
    await other.waitForFunction(() => document.body.dataset.state === 'ready');
    await other.getByLabel('Your name').fill('Chromium person');
    await other.getByRole('button', { name: /^Join/ }).click();
    await other.waitForFunction(() => document.body.dataset.state === 'joined');

    const page = await firefox.browser.newPage();
    await page.goto(`${app.url}/j/${id}`);
    await stateIs(page, 'ready');
    const ua = await page.evaluate(() => navigator.userAgent);
    expect(ua).toMatch(/Firefox\//);
    await page.waitForFunction(() => document.querySelector('#pick-videoinput') !== null, {
      timeout: 10_000,
    });
    await page.type('#name', 'Firefox person');
    await page.click('#join');
    await stateIs(page, 'joined');
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-participant] video')].some(
          (v) => (v as HTMLVideoElement).videoWidth > 0,
        ),
      { timeout: 20_000 },
    );
    const names = await page.evaluate(() =>
      [...document.querySelectorAll('[data-participant] figcaption')].map((f) => f.textContent),
    );
    expect(names).toContain('Chromium person');
    // The call's indicators and chat work in Gecko too.
    await other.getByRole('button', { name: 'Mute' }).click();
    await page.waitForSelector('[data-participant] [role="img"][aria-label="Microphone off"]', {
      timeout: 15_000,
    });
    await other.getByRole('button', { name: 'Chat', exact: true }).click();
    await other.getByRole('textbox', { name: 'Message' }).fill('<i>from Chromium</i>');
    await other.getByRole('button', { name: 'Send' }).click();
    await page.click('button[title="Chat"]');
    const text = await page.waitForSelector('.messages .text', { timeout: 15_000 });
    expect(await text?.evaluate((e) => e.textContent)).toBe('<i>from Chromium</i>');
    await page.click('button[title="Leave"]');
    await stateIs(page, 'ended');
    await page.close();
  });
});
