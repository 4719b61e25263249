/**
 * "Guests wait until a host joins" (a link's schedule): a guest who comes first is told the host
 * is not there yet, with a spinner and a way to stop waiting, and is let in by itself once a host
 * joins. The same in an end-to-end encrypted call, where the guest's knock after the wait must
 * still carry its public key, or no host can hand it the room key.
 * Real Chromium against real LiveKit, in the loopback-only namespace.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { assertLoopbackOnly, launchChromium } from '../support/browser.js';
import { shoot } from '../support/shots.js';
import { webAppOptions } from '../support/web.js';

const SHOTS = '/tmp/shots/wait-for-host';
let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const lk = inject('livekit');

beforeAll(async () => {
  assertLoopbackOnly();
  mkdirSync(SHOTS, { recursive: true });
  app = await startTestApp({
    appOptions: { ...webAppOptions(), mediaUrl: lk.url },
    overrides: { rooms: createLivekitRooms({ ...lk, loopback: true }) },
    env: { CALLINK_JOIN_PAGES_PER_MINUTE: '1000' },
  });
  browser = await launchChromium({ webrtc: true });
}, 120_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function person(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  return context.newPage();
}

async function stateOf(page: Page, state: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction((s) => document.body.dataset.state === s, state, { timeout });
}

/** A link whose guests wait for a host, and the fragment of a host link to it. */
async function waitingLink(body: Record<string, unknown> = {}) {
  const res = await app.api('/api/links', { method: 'POST', json: { title: 'Standup', ...body } });
  expect(res.status).toBe(201);
  const link = (await res.json()) as { id: string };
  const schedule = await app.api(`/api/links/${link.id}/schedule`, {
    method: 'PUT',
    json: { waitForHost: true },
  });
  expect(schedule.status).toBe(200);
  const key = await app.api(`/api/links/${link.id}/host-key`, { method: 'POST' });
  const { hostUrl } = (await key.json()) as { hostUrl: string };
  return { id: link.id, hostFragment: `#${hostUrl.split('#')[1]}` };
}

async function join(page: Page, path: string, name: string, state: string): Promise<void> {
  await page.goto(`${app.url}${path}`);
  await stateOf(page, 'ready');
  // On a loaded machine the network check can time out: the page then offers to join anyway.
  await page.waitForFunction(
    () =>
      document.body.dataset.state === 'blocked' ||
      !/Checking/.test(document.getElementById('network')?.textContent ?? ''),
    undefined,
    { timeout: 30_000 },
  );
  if ((await page.evaluate(() => document.body.dataset.state)) === 'blocked') {
    await page.getByRole('button', { name: 'Try to join anyway' }).click({ force: true });
    await stateOf(page, 'ready');
  }
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: /^Join/ }).click();
  await stateOf(page, state);
}

const message = (page: Page) => page.locator('#message').innerText();

describe('guests wait until a host joins', { timeout: 180_000 }, () => {
  it('tells a guest who comes first that the host is not there yet, and lets them in once a host joins', async () => {
    const link = await waitingLink();
    const guest = await person();
    await join(guest, `/j/${link.id}`, 'Gus', 'waiting');
    expect(await message(guest)).toContain('The host has not joined yet');
    expect(await guest.locator('.spinner').count()).toBeGreaterThan(0);
    await shoot(guest, SHOTS, 'waiting-for-host');
    // Asked again every 5 s, and still waiting while nobody hosts.
    await guest.waitForTimeout(6_000);
    expect(await guest.evaluate(() => document.body.dataset.state)).toBe('waiting');

    const host = await person();
    await join(host, `/j/${link.id}${link.hostFragment}`, 'Hana', 'joined');
    await stateOf(guest, 'joined', 30_000);
    await guest.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-participant] figcaption')].some((c) =>
          (c.textContent ?? '').includes('Hana'),
        ),
      undefined,
      { timeout: 20_000 },
    );
  });

  it('lets a waiting guest stop waiting', async () => {
    const link = await waitingLink();
    const guest = await person();
    await join(guest, `/j/${link.id}`, 'Gus', 'waiting');
    await guest.getByRole('button', { name: 'Stop waiting' }).click();
    await stateOf(guest, 'ended');
    // Nothing is asked any more: a host joining later does not pull the guest in.
    const host = await person();
    await join(host, `/j/${link.id}${link.hostFragment}`, 'Hana', 'joined');
    await guest.waitForTimeout(6_000);
    expect(await guest.evaluate(() => document.body.dataset.state)).toBe('ended');
  });

  it('regression: in an E2EE call the knock after the wait carried no public key, so no host could let the guest in', async () => {
    const link = await waitingLink({ e2ee: true });
    const guest = await person();
    await join(guest, `/j/${link.id}`, 'Gus', 'waiting');
    expect(await message(guest)).toContain('The host has not joined yet');
    const host = await person();
    await join(host, `/j/${link.id}${link.hostFragment}`, 'Hana', 'joined');
    await host.waitForFunction(() => document.body.dataset.e2ee === 'on');
    await host.getByRole('button', { name: 'Admit Gus' }).click({ timeout: 30_000 });
    await stateOf(guest, 'joined', 30_000);
    await guest.waitForFunction(() => document.body.dataset.e2ee === 'on', undefined, {
      timeout: 30_000,
    });
  });
});
