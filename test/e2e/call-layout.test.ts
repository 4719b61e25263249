/**
 * What people see, in real Chromium against a real LiveKit (loopback-only namespace): the name
 * field and Join button above the fold on common laptop screens with focus on a visible field,
 * and a walk through every state of the join page and the call on desktop and phone, light and
 * dark, with axe-core clean at each step. CALLINK_SCREENSHOTS=/dir keeps a PNG of each state.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { assertLoopbackOnly, launchChromium } from '../support/browser.js';
import { webAppOptions } from '../support/web.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  assertLoopbackOnly();
  const lk = inject('livekit');
  app = await startTestApp({
    appOptions: { ...webAppOptions(), mediaUrl: lk.url },
    overrides: { rooms: createLivekitRooms({ ...lk, loopback: true }) },
    env: { CALLINK_JOIN_PAGES_PER_MINUTE: '1000' },
  });
  browser = await launchChromium({
    webrtc: true,
    args: ['--auto-select-desktop-capture-source=Entire screen'],
  });
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

type Viewport = { width: number; height: number };

async function person(viewport: Viewport, colorScheme: 'light' | 'dark' = 'light') {
  const context = await browser.newContext({ viewport, colorScheme });
  contexts.push(context);
  return context.newPage();
}

async function createLink(body: Record<string, unknown> = {}) {
  const res = await app.api('/api/links', { method: 'POST', json: body });
  return (await res.json()) as { id: string };
}

async function hostFragment(linkId: string): Promise<string> {
  const res = await app.api(`/api/links/${linkId}/host-key`, { method: 'POST' });
  const { hostUrl } = (await res.json()) as { hostUrl: string };
  return `#${hostUrl.split('#')[1]}`;
}

const stateOf = (page: Page, state: string) =>
  page.waitForFunction((s) => document.body.dataset.state === s, state, { timeout: 20_000 });

async function joinAs(page: Page, id: string, name: string, fragment = '') {
  await page.goto(`${app.url}/j/${id}${fragment}`);
  await stateOf(page, 'ready');
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: /^Join/ }).click();
}

async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const r = document.querySelector(sel)?.getBoundingClientRect();
    return Boolean(
      r && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
    );
  }, selector);
}

/** Asserts axe-core finds nothing, and keeps a screenshot of the state when asked to. */
async function look(page: Page, name: string): Promise<void> {
  const dir = process.env.CALLINK_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe.run(),
  );
  const violations = (result.violations as { id: string; nodes: { target: string[] }[] }[]).map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(violations, name).toEqual([]);
}

describe('the join page above the fold', { timeout: 60_000 }, () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1366, height: 768 },
    { width: 1440, height: 900 },
  ]) {
    it(`shows the name field and Join at ${viewport.width}×${viewport.height}, focused`, async () => {
      const { id } = await createLink({ title: 'Weekly sync' });
      const page = await person(viewport);
      await page.goto(`${app.url}/j/${id}`);
      await stateOf(page, 'ready');
      await page.locator('#pick-videoinput').waitFor();
      expect(await inViewport(page, '#name')).toBe(true);
      expect(await inViewport(page, '#join')).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('name');
    });
  }
});

describe('every state, both sizes, both schemes', { timeout: 180_000 }, () => {
  for (const [size, viewport] of [
    ['desktop', { width: 1280, height: 800 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`looks right and passes axe on ${size} in ${scheme}`, async () => {
        const tag = `${size}-${scheme}`;
        const { id } = await createLink({ title: 'Design review', lobby: true });
        const host = await person(viewport, scheme);
        await host.goto(`${app.url}/j/${id}${await hostFragment(id)}`);
        await stateOf(host, 'ready');
        await host.locator('#pick-videoinput').waitFor();
        await look(host, `ready-${tag}`);
        await host.getByLabel('Your name').fill('Hanna Host');
        await host.getByRole('button', { name: /^Join/ }).click();
        await stateOf(host, 'joined');
        await look(host, `joined-alone-${tag}`);

        const guest = await person(viewport, scheme);
        await joinAs(guest, id, 'Gustav Guest');
        await stateOf(guest, 'waiting');
        await look(guest, `waiting-${tag}`);
        await host.getByRole('button', { name: 'Admit Gustav Guest' }).waitFor();
        await look(host, `knock-${tag}`);
        await host.getByRole('button', { name: 'Admit Gustav Guest' }).click();
        await stateOf(guest, 'joined');
        await host.locator('[data-participant] video').first().waitFor();
        await look(host, `joined-two-${tag}`);

        await guest.getByRole('button', { name: 'Mute' }).click();
        await guest.getByRole('button', { name: 'Stop camera' }).click();
        await guest.getByRole('button', { name: 'Raise hand' }).click();
        await host.getByRole('img', { name: 'Hand raised' }).first().waitFor();
        await host.getByRole('img', { name: 'Microphone off' }).first().waitFor();
        await look(host, `muted-hand-${tag}`);

        await guest.getByRole('button', { name: 'Chat', exact: true }).click();
        await guest.getByRole('textbox', { name: 'Message' }).fill('Hello <b>everyone</b>');
        await guest.keyboard.press('Enter');
        await host.getByRole('button', { name: 'Chat', exact: true }).click();
        await host.locator('.messages .text', { hasText: 'Hello' }).waitFor();
        await look(host, `chat-${tag}`);
        await host.getByRole('button', { name: 'Participants' }).click();
        await look(host, `people-${tag}`);
        await host.getByRole('button', { name: 'Participants' }).click();

        if (size === 'desktop') {
          await guest.getByRole('button', { name: 'Share screen' }).click();
          await guest.getByText('You are sharing your screen').first().waitFor();
          await look(guest, `sharing-self-${tag}`);
          await host.locator('[data-source="screen_share"] video').waitFor();
          await look(host, `share-${tag}`);
          await guest.getByRole('toolbar').getByRole('button', { name: 'Stop sharing' }).click();
          await host.keyboard.press('Shift+?');
          await host.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
          await look(host, `shortcuts-${tag}`);
          await host.keyboard.press('Escape');
        }
        await host.getByRole('button', { name: 'End call for everyone' }).click();
        await host.getByRole('dialog').waitFor();
        await look(host, `end-confirm-${tag}`);
        await host.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

        await guest.getByRole('button', { name: 'Leave' }).click();
        await stateOf(guest, 'ended');
        await look(guest, `left-${tag}`);
        expect((await app.api(`/api/links/${id}`, { method: 'DELETE' })).status).toBe(204);
        await stateOf(host, 'revoked');
        await look(host, `revoked-${tag}`);
      });
    }
  }
});
