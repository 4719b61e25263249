/**
 * "Guests wait until a host joins" (a link's schedule): a guest who comes first is told the host
 * is not there yet, with a spinner and a way to stop waiting, and is let in by itself once a host
 * joins. The same in an end-to-end encrypted call, where the guest's knock after the wait must
 * still carry its public key, or no host can hand it the room key.
 * Real Chromium against real LiveKit, in the loopback-only namespace.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { stateOf, useCallPage } from '../support/call-page.js';
import { shoot } from '../support/shots.js';

const SHOTS = '/tmp/shots/wait-for-host';
const call = useCallPage();
beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

/** A link whose guests wait for a host, and the fragment of a host link to it. */
async function waitingLink(body: Record<string, unknown> = {}) {
  const link = await call.createLink({ title: 'Standup', ...body });
  const schedule = await call.app.api(`/api/links/${link.id}/schedule`, {
    method: 'PUT',
    json: { waitForHost: true },
  });
  expect(schedule.status).toBe(200);
  return { id: link.id, hostFragment: await call.hostFragment(link.id) };
}

const person = () => call.person();

const message = (page: Page) => page.locator('#message').innerText();

describe('guests wait until a host joins', { timeout: 180_000 }, () => {
  it('tells a guest who comes first that the host is not there yet, and lets them in once a host joins', async () => {
    const link = await waitingLink();
    const guest = await person();
    await call.joinAs(guest, link.id, 'Gus', { until: 'waiting' });
    expect(await message(guest)).toContain('The host has not joined yet');
    expect(await guest.locator('.spinner').count()).toBeGreaterThan(0);
    await shoot(guest, SHOTS, 'waiting-for-host');
    // Asked again every 5 s, and still waiting while nobody hosts.
    await guest.waitForTimeout(6_000);
    expect(await guest.evaluate(() => document.body.dataset.state)).toBe('waiting');

    const host = await person();
    await call.joinAs(host, link.id, 'Hana', { fragment: link.hostFragment, until: 'joined' });
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

  it('regression: one re-ask answered 503 while waiting for the host ended the wait with "service unavailable"', async () => {
    const link = await waitingLink();
    const guest = await person();
    await call.joinAs(guest, link.id, 'Gus', { until: 'waiting' });
    // The guest's next re-ask (every 5 s) meets a media server too slow to answer, once.
    let refused = 0;
    await guest.route(`**/api/links/${link.id}/join`, async (route) => {
      if (route.request().method() === 'POST' && refused === 0) {
        refused++;
        return route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'unavailable', message: 'slow' } }),
        });
      }
      return route.fallback();
    });
    await expect.poll(() => refused, { timeout: 15_000 }).toBe(1);
    // Asked again at once, still waiting: the wait goes on, with its line.
    await guest.waitForTimeout(2_000);
    expect(await guest.evaluate(() => document.body.dataset.state)).toBe('waiting');
    expect(await message(guest)).toContain('The host has not joined yet');
    await shoot(guest, SHOTS, 'waiting-after-503');
    const host = await person();
    await call.joinAs(host, link.id, 'Hana', { fragment: link.hostFragment, until: 'joined' });
    await stateOf(guest, 'joined', 30_000);
  });

  it('lets a waiting guest stop waiting', async () => {
    const link = await waitingLink();
    const guest = await person();
    await call.joinAs(guest, link.id, 'Gus', { until: 'waiting' });
    await guest.getByRole('button', { name: 'Stop waiting' }).click();
    await stateOf(guest, 'ended');
    // Nothing is asked any more: a host joining later does not pull the guest in.
    const host = await person();
    await call.joinAs(host, link.id, 'Hana', { fragment: link.hostFragment, until: 'joined' });
    await guest.waitForTimeout(6_000);
    expect(await guest.evaluate(() => document.body.dataset.state)).toBe('ended');
  });

  it('regression: in an E2EE call the knock after the wait carried no public key, so no host could let the guest in', async () => {
    const link = await waitingLink({ e2ee: true });
    const guest = await person();
    await call.joinAs(guest, link.id, 'Gus', { until: 'waiting' });
    expect(await message(guest)).toContain('The host has not joined yet');
    const host = await person();
    await call.joinAs(host, link.id, 'Hana', { fragment: link.hostFragment, until: 'joined' });
    await host.waitForFunction(() => document.body.dataset.e2ee === 'on');
    await host.getByRole('button', { name: 'Admit Gus' }).click({ timeout: 30_000 });
    await stateOf(guest, 'joined', 30_000);
    await guest.waitForFunction(() => document.body.dataset.e2ee === 'on', undefined, {
      timeout: 30_000,
    });
  });
});
