/**
 * The call itself in real Chromium against a real LiveKit (loopback-only namespace): screen
 * share as its own larger tile, mic-off and initials, chat as text with history for late
 * joiners, raised hands lowered by the host, the host badge from the server attribute, Leave vs
 * End (with confirmation), a link revoked mid-call, shortcuts, the video area on desktop and
 * phone, and axe-core in light and dark. CALLINK_SCREENSHOTS=/dir keeps a PNG of each step.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  axeLines as axeViolations,
  cameraTile,
  lateSignalling,
  playing,
  serverTracks,
  stateOf,
  useCallPage,
  type PersonOptions,
} from '../support/call-page.js';

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.CALLINK_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

// Fake screen capture, picked without a prompt, alongside the fake camera and microphone.
const call = useCallPage({
  chromiumArgs: [
    '--auto-select-desktop-capture-source=Entire screen',
    '--enable-usermedia-screen-capturing',
  ],
  onReady: (page, name) => shot(page, `ready-${name.replace(/\W/g, '')}`),
});
const person = (options: PersonOptions = {}) => call.person(options);
const createLink = (body: Record<string, unknown> = {}) => call.createLink(body);
const hostFragment = (linkId: string) => call.hostFragment(linkId);
/** Opens the link, joins as `name`, and waits until in the call. */
const joinAs = (page: Page, linkId: string, name: string, fragment = '') =>
  call.joinAs(page, linkId, name, { fragment });

async function area(page: Page, selector: string): Promise<number> {
  const box = await page.locator(selector).first().boundingBox();
  return box ? box.width * box.height : 0;
}

describe('the call', { timeout: 120_000 }, () => {
  it('shows a screen share as its own tile, larger than the camera, and the sharer a notice', async () => {
    const link = await createLink();
    const [alice, bob] = [await person(), await person()];
    await joinAs(alice, link.id, 'Alice');
    await joinAs(bob, link.id, 'Bob');
    await playing(bob, '[data-participant][data-source="camera"]');
    await alice.getByRole('button', { name: 'Share screen' }).click();
    await alice.getByText('You are sharing your screen').first().waitFor({ timeout: 20_000 });
    await expect(
      alice
        .getByRole('toolbar')
        .getByRole('button', { name: 'Stop sharing' })
        .getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    const share = '[data-participant][data-source="screen_share"]';
    await playing(bob, share);
    const shareArea = await area(bob, share);
    const cameraArea = (await cameraTile(bob, 'Alice').boundingBox()) ?? { width: 0, height: 0 };
    expect(shareArea).toBeGreaterThan(2 * cameraArea.width * cameraArea.height);
    // Alice's camera stays its own tile: the share is not inside it.
    expect(await cameraTile(bob, 'Alice').locator('[data-source="screen_share"]').count()).toBe(0);
    await shot(bob, 'call-screen-share-viewer');
    await shot(alice, 'call-screen-share-sharer');
  });

  it('shows the mic-off icon and initials when someone mutes and stops the camera', async () => {
    const link = await createLink();
    const [alice, bob] = [await person(), await person()];
    await joinAs(alice, link.id, 'Alice Smith');
    await joinAs(bob, link.id, 'Bob');
    await playing(bob, '[data-participant][data-source="camera"]');
    await alice.getByRole('button', { name: 'Mute' }).click();
    await alice.getByRole('button', { name: 'Stop camera' }).click();
    await expect(
      alice.getByRole('button', { name: 'Unmute' }).getAttribute('aria-pressed'),
    ).resolves.toBe('false');
    const tile = cameraTile(bob, 'Alice Smith');
    await tile.getByRole('img', { name: 'Microphone off' }).waitFor({ timeout: 15_000 });
    await tile.locator('.initials', { hasText: 'AS' }).waitFor({ state: 'visible' });
    await expect(tile.getAttribute('data-has-video')).resolves.toBe('false');
    await shot(bob, 'call-muted-camera-off');
  });

  it('delivers a chat message to everyone as text, and late joiners see the history', async () => {
    const link = await createLink();
    const [alice, bob, carol] = [await person(), await person(), await person()];
    await joinAs(alice, link.id, 'Alice');
    await joinAs(bob, link.id, 'Bob');
    await joinAs(carol, link.id, 'Carol');
    const html = '<b>bold</b><img src=x onerror="window.pwned=1">';
    await alice.getByRole('button', { name: 'Chat', exact: true }).click();
    await alice.getByRole('textbox', { name: 'Message' }).fill(html);
    await alice.getByRole('button', { name: 'Send' }).click();
    for (const page of [bob, carol]) {
      await page.locator('.unread').waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Chat', exact: true }).click();
      const message = page.locator('.messages li', { hasText: 'Alice' }).locator('.text');
      await expect(message.innerText()).resolves.toBe(html);
      expect(await page.locator('.messages b, .messages img').count()).toBe(0);
      expect(await page.evaluate(() => 'pwned' in window)).toBe(false);
    }
    const dave = await person();
    await joinAs(dave, link.id, 'Dave');
    await dave.getByRole('button', { name: 'Chat', exact: true }).click();
    await dave.locator('.messages li .text', { hasText: 'bold' }).waitFor({ timeout: 15_000 });
    await shot(bob, 'call-chat');
  });

  it('shows a raised hand to the host, who lowers it; the badge marks only the real host', async () => {
    const link = await createLink();
    const [host, guest] = [await person(), await person()];
    await joinAs(host, link.id, 'Ann', await hostFragment(link.id));
    // A guest taking the host's name gets no badge: it comes from the server-set attribute.
    await joinAs(guest, link.id, 'Ann');
    await guest.locator('[data-participant] .host-badge').waitFor({ timeout: 15_000 });
    expect(await guest.locator('[data-participant] .host-badge').count()).toBe(1);
    expect(await guest.locator('[data-local] .host-badge').count()).toBe(0);
    expect(await host.locator('[data-participant] .host-badge').count()).toBe(0);

    await guest.getByRole('button', { name: 'Raise hand' }).click();
    await host
      .locator('[data-participant]')
      .getByRole('img', { name: 'Hand raised' })
      .waitFor({ timeout: 15_000 });
    await shot(host, 'call-hand-raised');
    await host.getByRole('button', { name: 'Participants' }).click();
    await host.getByRole('button', { name: 'Lower hand of Ann' }).click();
    await guest.getByRole('button', { name: 'Raise hand' }).waitFor({ timeout: 15_000 });
    await expect(
      guest.getByRole('button', { name: 'Raise hand' }).getAttribute('aria-pressed'),
    ).resolves.toBe('false');
  });

  it('lets one person leave while the others stay, and offers Rejoin', async () => {
    const link = await createLink();
    const [alice, bob] = [await person(), await person()];
    await joinAs(alice, link.id, 'Alice');
    await joinAs(bob, link.id, 'Bob');
    await cameraTile(bob, 'Alice').waitFor({ timeout: 15_000 });
    await alice.getByRole('button', { name: 'Leave' }).click();
    await stateOf(alice, 'ended');
    await expect(alice.locator('#message').innerText()).resolves.toMatch(/You left/);
    await alice.getByRole('button', { name: 'Rejoin' }).waitFor();
    await cameraTile(bob, 'Alice').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await bob.evaluate(() => document.body.dataset.state)).toBe('joined');
    await shot(alice, 'call-left');
  });

  it('ends the call for everyone only after confirmation, without a Reconnecting flash', async () => {
    const link = await createLink();
    const [host, guest] = [await person(), await person()];
    await joinAs(host, link.id, 'Host', await hostFragment(link.id));
    await joinAs(guest, link.id, 'Guest');
    await host.evaluate(() => {
      const w = window as unknown as { alerts: string[] };
      w.alerts = [];
      new MutationObserver(() => {
        for (const a of document.querySelectorAll('[role="alert"]'))
          w.alerts.push(a.textContent ?? '');
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await host.getByRole('button', { name: 'End call for everyone' }).click();
    const dialog = host.getByRole('dialog');
    await dialog.waitFor();
    await shot(host, 'call-end-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await guest.evaluate(() => document.body.dataset.state)).toBe('joined');
    await host.getByRole('button', { name: 'End call for everyone' }).click();
    await dialog.getByRole('button', { name: 'End for everyone' }).click();
    await stateOf(guest, 'ended');
    await stateOf(host, 'ended');
    await expect(host.locator('#message').innerText()).resolves.toMatch(/You ended the call/);
    expect(await host.evaluate(() => (window as unknown as { alerts: string[] }).alerts)).toEqual(
      [],
    );
  });

  it('says the link was deleted, with no way to join again, when it is revoked mid-call', async () => {
    const link = await createLink();
    const page = await person();
    await joinAs(page, link.id, 'Solo');
    expect((await call.app.api(`/api/links/${link.id}`, { method: 'DELETE' })).status).toBe(204);
    await stateOf(page, 'revoked');
    await expect(page.locator('#message').innerText()).resolves.toMatch(/deleted/);
    expect(await page.getByRole('button', { name: /Join again|Rejoin/ }).count()).toBe(0);
  });

  it('answers keyboard shortcuts: M mutes, H raises a hand, ? lists them', async () => {
    const link = await createLink();
    const page = await person();
    await joinAs(page, link.id, 'Keys');
    await page.keyboard.press('m');
    await page.getByRole('button', { name: 'Unmute' }).waitFor();
    await page.keyboard.press('h');
    await page.getByRole('button', { name: 'Lower hand' }).waitFor();
    await page.keyboard.press('Shift+?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await shot(page, 'call-shortcuts');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.keyboard.press('m');
    await page.getByRole('button', { name: 'Mute', exact: true }).waitFor();
  });

  it('regression: M pressed twice before the mic was published left it muted', async () => {
    const link = await createLink();
    const page = await person();
    // Everything the media server says after its first answer reaches this page 2.5 s late, so
    // the call is on screen seconds before its tracks are published (as on a busy machine).
    await lateSignalling(page.context(), (n) => (n === 0 ? 0 : 2_500));
    await joinAs(page, link.id, 'Keys');
    const mute = page.getByRole('button', { name: 'Mute', exact: true });
    const unmute = page.getByRole('button', { name: 'Unmute', exact: true });
    // The switch shows what the join page asked for (mic on), not "off" until published.
    expect(await mute.isVisible()).toBe(true);
    await page.keyboard.press('m');
    await unmute.waitFor({ timeout: 1_000 });
    await page.keyboard.press('m');
    await mute.waitFor({ timeout: 1_000 });
    const tracksOf = () => serverTracks(call, link, 'Keys');
    // Both presses were applied, in order, once published: off, then on again.
    await expect.poll(tracksOf, { timeout: 30_000 }).toEqual(['audio:on', 'video:on']);
    await page.waitForTimeout(6_000);
    expect(await tracksOf()).toEqual(['audio:on', 'video:on']);
    expect(await mute.isVisible()).toBe(true);
  });

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    it(`gives two people at least 70 % of a ${viewport.width}×${viewport.height} viewport for video`, async () => {
      const link = await createLink();
      const [alice, bob] = [await person({ viewport }), await person({ viewport })];
      await joinAs(alice, link.id, 'Alice');
      await joinAs(bob, link.id, 'Bob');
      await playing(alice, '[data-participant][data-source="camera"]');
      const remote = await area(alice, '[data-participant][data-source="camera"]');
      await shot(alice, `call-two-${viewport.width}-before`);
      expect(remote / (viewport.width * viewport.height)).toBeGreaterThanOrEqual(0.7);
      await alice.locator('.self-view [data-local]').waitFor();
      await shot(alice, `call-two-${viewport.width}`);
    });
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe violations in the ${colorScheme} scheme before and during the call`, async () => {
      const link = await createLink();
      const host = await person({ colorScheme });
      await host.goto(`${call.app.url}/j/${link.id}${await hostFragment(link.id)}`);
      await stateOf(host, 'ready');
      expect(await axeViolations(host)).toEqual([]);
      await host.getByLabel('Your name').fill('Host');
      await host.getByRole('button', { name: /^Join/ }).click();
      await stateOf(host, 'joined');
      const guest = await person({ colorScheme });
      await joinAs(guest, link.id, 'Guest');
      await playing(host, '[data-participant]');
      await guest.getByRole('button', { name: 'Mute' }).click();
      await guest.getByRole('button', { name: 'Raise hand' }).click();
      await host.getByRole('img', { name: 'Hand raised' }).first().waitFor();
      expect(await axeViolations(host)).toEqual([]);
      await host.getByRole('button', { name: 'Chat', exact: true }).click();
      await host.getByRole('textbox', { name: 'Message' }).fill('Hello');
      await host.keyboard.press('Enter');
      expect(await axeViolations(host)).toEqual([]);
      await host.getByRole('button', { name: 'Participants' }).click();
      expect(await axeViolations(host)).toEqual([]);
      await shot(host, `call-people-${colorScheme}`);
      await guest.getByRole('button', { name: 'Leave' }).click();
      await stateOf(guest, 'ended');
      expect(await axeViolations(guest)).toEqual([]);
    });
  }
});
