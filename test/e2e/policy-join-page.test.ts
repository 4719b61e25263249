/**
 * The organization's policy seen end to end by an invitee in real Chromium: a browser family
 * the policy leaves out is told `unsupported` with the organization named as the reason, and
 * links switched off say so (state `error`, status 403).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchChromium, newPerson } from '../support/browser.js';
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

async function setPolicy(change: Partial<typeof DEFAULT_POLICY>): Promise<void> {
  const res = await app.api('/api/policy', {
    method: 'PUT',
    json: { ...DEFAULT_POLICY, ...change },
  });
  expect(res.status).toBe(200);
}

async function openLink(): Promise<{ page: Page; scripts: string[]; close: () => Promise<void> }> {
  const made = await app.api('/api/links', { method: 'POST', json: { title: 'Policy check' } });
  const { url } = (await made.json()) as { url: string };
  const context = await newPerson(browser);
  // Every state the page passes through: this app has no media server, so a page let through
  // is 'ready' only until its network check says the service is unavailable ('error'). A
  // loaded CI run got there before a poll of the current state saw 'ready'.
  await context.addInitScript(() => {
    const states: string[] = [];
    (window as unknown as { states: string[] }).states = states;
    const note = () => {
      const state = document.body?.dataset.state;
      if (state && states.at(-1) !== state) states.push(state);
    };
    new MutationObserver(note).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state'],
    });
  });
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.goto(url.replace('http://localhost:9999', app.url));
  return { page, scripts, close: () => context.close() };
}

const stateOf = (page: Page) => page.evaluate(() => document.body.dataset.state);
const statesOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { states: string[] }).states);

describe('policy effects on the join page', () => {
  it('tells a browser the organization does not allow that it is unsupported, and why', async () => {
    await setPolicy({ allowedBrowsers: ['firefox', 'safari'] });
    const { page, scripts, close } = await openLink();
    try {
      await expect.poll(() => stateOf(page), { timeout: 15_000 }).toBe('unsupported');
      expect(await statesOf(page)).not.toContain('ready');
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toMatch(/organization allows only these browsers: Firefox, Safari/);
      expect(scripts.some((s) => /livekit/.test(s))).toBe(false);
    } finally {
      await close();
    }
  });

  it('lets the same browser through once the organization allows it', async () => {
    await setPolicy({ allowedBrowsers: ['chrome', 'firefox'] });
    const { page, close } = await openLink();
    try {
      await expect.poll(() => statesOf(page), { timeout: 15_000 }).toContain('ready');
      expect(await statesOf(page)).not.toContain('unsupported');
    } finally {
      await close();
    }
  });

  it('says calls are disabled by the organization on an existing link, at once', async () => {
    await setPolicy({});
    const made = await app.api('/api/links', { method: 'POST', json: {} });
    const { id } = (await made.json()) as { id: string };
    await setPolicy({ linksEnabled: false });
    const context = await newPerson(browser);
    try {
      const page = await context.newPage();
      const res = await page.goto(`${app.url}/j/${id}`);
      expect(res?.status()).toBe(403);
      await expect.poll(() => stateOf(page), { timeout: 15_000 }).toBe('error');
      expect(await page.locator('main').textContent()).toMatch(
        /Calls are disabled by the organization/,
      );
    } finally {
      await context.close();
      await setPolicy({});
    }
  });
});
