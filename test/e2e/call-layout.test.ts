/**
 * What people see, in real Chromium against a real LiveKit (loopback-only namespace): the name
 * field and Join button above the fold on common laptop screens with focus on a visible field,
 * and a walk through every state of the join page and the call on desktop and phone, light and
 * dark, with axe-core clean at each step. CALLINK_SCREENSHOTS=/dir keeps a PNG of each state.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeLines, stateOf, useCallPage } from '../support/call-page.js';

const call = useCallPage({ chromiumArgs: ['--auto-select-desktop-capture-source=Entire screen'] });

type Viewport = { width: number; height: number };

const person = (viewport: Viewport, colorScheme: 'light' | 'dark' = 'light') =>
  call.person({ viewport, colorScheme });
const createLink = (body: Record<string, unknown> = {}) => call.createLink(body);
const hostFragment = (linkId: string) => call.hostFragment(linkId);
/** Joins by the join page and returns right after the click (a guest may wait in the lobby). */
const joinAs = (page: Page, id: string, name: string) =>
  call.joinAs(page, id, name, { until: null });

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
  const violations = await axeLines(page);
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
      await page.goto(`${call.app.url}/j/${id}`);
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
        await host.goto(`${call.app.url}/j/${id}${await hostFragment(id)}`);
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
        expect((await call.app.api(`/api/links/${id}`, { method: 'DELETE' })).status).toBe(204);
        await stateOf(host, 'revoked');
        await look(host, `revoked-${tag}`);
      });
    }
  }
});
