/**
 * What travels beside the media, in real Chromium against a real LiveKit (loopback-only
 * namespace): reactions, the host's knock alerts (tone, notification, tab title), the chat rate
 * limit and the host's chat switch end to end (also against a client that skips the page's own
 * rules), device switching in the call, and late joiners whose hello overtakes their join.
 * CALLINK_SCREENSHOTS=/dir keeps screenshots of the new states at both sizes and schemes.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowsers, type Browsers } from '../support/browser-participant.js';
import { axeLines, lateSignalling, stateOf, useCallPage } from '../support/call-page.js';
import { shoot } from '../support/shots.js';

const call = useCallPage();
let raw: Browsers;

beforeAll(async () => {
  raw = await startBrowsers();
});
afterAll(async () => {
  await raw?.close();
});

/** Screenshots (desktop + phone, light + dark) when asked for, and axe clean in both schemes. */
async function look(page: Page, state: string): Promise<void> {
  const dir = process.env.CALLINK_SCREENSHOTS;
  if (dir) await shoot(page, dir, state);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await axeLines(page), `${state} ${scheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const liveRegion = (page: Page) => page.locator('#call [aria-live="polite"]');

/** Someone who only listens: mic and camera off before joining (remembered by the page). */
async function quiet(page: Page): Promise<void> {
  await page.evaluate(() => {
    localStorage.setItem('callink:mic', 'off');
    localStorage.setItem('callink:camera', 'off');
  });
  await page.reload();
  await stateOf(page, 'ready');
}

const openChat = (page: Page) => page.getByRole('button', { name: 'Chat', exact: true }).click();
const messagesFrom = (page: Page, name: string) =>
  page.locator('.messages li', {
    has: page.locator('.sender', { hasText: new RegExp(`^${name}$`) }),
  });

async function say(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
}

/** A bare livekit-client participant in the call, with a token from the join API. */
async function rawClient(linkId: string, name: string) {
  const res = await call.app.api(`/api/links/${linkId}/join`, {
    method: 'POST',
    json: { name },
    token: null,
  });
  expect(res.status).toBe(200);
  const grant = (await res.json()) as {
    token: string;
    livekitUrl: string;
    iceServers?: { urls: string[] }[];
  };
  const client = await raw.participant();
  expect((await client.join(grant.livekitUrl, grant.token, grant.iceServers ?? [])).ok).toBe(true);
  return client;
}

describe('reactions, knocks and chat rules', { timeout: 180_000 }, () => {
  it('shows a reaction to everyone else as an emoji burst with the sender’s name, and says it', async () => {
    const link = await call.createLink();
    const [ann, bob, cem] = [await call.person(), await call.person(), await call.person()];
    for (const [page, name] of [
      [ann, 'Ann'],
      [bob, 'Bob'],
      [cem, 'Cem'],
    ] as const)
      await call.joinAs(page, link.id, name, { beforeJoin: quiet });
    // Bob's page says who joined after him; on a loaded machine "Cem joined." came after the
    // reaction and replaced it in the live region. Wait for it before Ann reacts.
    await expect.poll(() => liveRegion(bob).innerText(), { timeout: 15_000 }).toBe('Cem joined.');
    await ann.getByRole('button', { name: 'Reactions' }).click();
    await ann.getByRole('group', { name: 'Reactions' }).getByRole('button', { name: '🎉' }).click();
    for (const page of [bob, cem]) {
      const burst = page.locator('.reactions li', { hasText: '🎉' });
      await burst.waitFor({ timeout: 15_000 });
      await expect(burst.locator('.who').innerText()).resolves.toBe('Ann');
      await expect(liveRegion(page).innerText()).resolves.toBe('Ann reacted 🎉');
    }
    await look(bob, 'reaction-burst');
  });

  it('plays a tone for a knock, shows a notification naming the guest, and counts it in the tab title', async () => {
    const link = await call.createLink({ title: 'Design review', lobby: true });
    const host = await call.person({
      // Camera and microphone too: Chromium hides its host addresses (mDNS names, which
      // nothing resolves in the namespace) from a page without media permission.
      context: { permissions: ['notifications', 'camera', 'microphone'] },
    });
    await host.addInitScript(() => {
      const seen = { notes: [] as string[], tones: 0 };
      (window as unknown as { knockSeen: typeof seen }).knockSeen = seen;
      const Real = window.Notification;
      // Records each notification the page makes, then makes it for real.
      class Recorded extends Real {
        constructor(title: string, options?: NotificationOptions) {
          seen.notes.push(title);
          super(title, options);
        }
      }
      window.Notification = Recorded;
      const start = OscillatorNode.prototype.start;
      OscillatorNode.prototype.start = function (this: OscillatorNode, ...args) {
        seen.tones++;
        return start.apply(this, args);
      };
    });
    await call.joinAs(host, link.id, 'Hanna Host', { fragment: await call.hostFragment(link.id) });
    // The host is in another tab when the guest knocks, as hosts are. (Playwright tells every
    // page it has the focus; switched off, the call tab sees the real focus.)
    const cdp = await host.context().newCDPSession(host);
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
    const other = await host.context().newPage();
    await other.goto(`${call.app.url}/`);
    await other.bringToFront();
    const guest = await call.person();
    await call.joinAs(guest, link.id, 'Gustav Guest', { until: 'waiting' });
    await host.getByRole('button', { name: 'Admit Gustav Guest' }).waitFor({ timeout: 20_000 });
    const seen = await host.evaluate(
      () => (window as unknown as { knockSeen: { notes: string[]; tones: number } }).knockSeen,
    );
    expect(seen.tones).toBeGreaterThanOrEqual(1);
    const where = await host.evaluate(() => ({
      permission: Notification.permission,
      visibility: document.visibilityState,
      focus: document.hasFocus(),
    }));
    expect(seen.notes, JSON.stringify(where)).toEqual(['Gustav Guest is asking to join.']);
    await expect(host.title()).resolves.toBe('(1) Design review · callink');
    await host.bringToFront();
    await look(host, 'knock');
    await host.getByRole('button', { name: 'Admit Gustav Guest' }).click();
    await stateOf(guest, 'joined');
    await host.waitForFunction(() => !document.title.startsWith('('));
  });

  it('tells a participant who sends too fast to slow down, and the excess reaches nobody', async () => {
    const link = await call.createLink();
    const [ann, bob] = [await call.person(), await call.person()];
    await call.joinAs(ann, link.id, 'Ann', { beforeJoin: quiet });
    await call.joinAs(bob, link.id, 'Bob', { beforeJoin: quiet });
    await openChat(ann);
    await openChat(bob);
    for (let i = 1; i <= 6; i++) await say(bob, `fast ${i}`);
    await bob.getByRole('status').filter({ hasText: 'too fast' }).waitFor();
    await expect(bob.getByRole('textbox', { name: 'Message' }).inputValue()).resolves.toBe(
      'fast 6',
    );
    await look(bob, 'chat-rate-limited');
    // A client without the page's rules sends seven at once: every receiver keeps only five.
    const rogue = await rawClient(link.id, 'Rogue');
    for (let i = 1; i <= 7; i++) await rogue.sendText('callink.chat', `rogue ${i}`);
    await messagesFrom(ann, 'Rogue')
      .nth(4)
      .waitFor({ timeout: 15_000 })
      .catch(async (error: unknown) => {
        const seen = await ann.locator('.messages li').allInnerTexts();
        const events = await rogue.events();
        throw new Error(`Ann's chat: ${JSON.stringify(seen)}; rogue: ${JSON.stringify(events)}`, {
          cause: error,
        });
      });
    // After the ten-second window a message passes again; everything sent before it is in.
    await ann.waitForTimeout(10_500);
    await rogue.sendText('callink.chat', 'rogue later');
    await messagesFrom(ann, 'Rogue')
      .filter({ hasText: 'rogue later' })
      .waitFor({ timeout: 15_000 });
    await expect(messagesFrom(ann, 'Rogue').locator('.text').allInnerTexts()).resolves.toEqual([
      'rogue 1',
      'rogue 2',
      'rogue 3',
      'rogue 4',
      'rogue 5',
      'rogue later',
    ]);
    await expect(messagesFrom(ann, 'Bob').locator('.text').allInnerTexts()).resolves.toEqual([
      'fast 1',
      'fast 2',
      'fast 3',
      'fast 4',
      'fast 5',
    ]);
    await rogue.leave();
  });

  it('regression: a message sent right after joining showed the sender’s internal id, not their name', async () => {
    const link = await call.createLink();
    const ann = await call.person();
    await call.joinAs(ann, link.id, 'Ann', { beforeJoin: quiet });
    await openChat(ann);
    const rogue = await rawClient(link.id, 'Rita');
    await rogue.sendText('callink.chat', 'first words');
    const line = ann.locator('.messages li', { hasText: 'first words' });
    await line.waitFor({ timeout: 15_000 });
    await expect(line.locator('.sender').innerText()).resolves.toBe('Rita');
    await rogue.leave();
  });

  it('lets the host switch chat off for everyone and on again; what is sent meanwhile reaches nobody', async () => {
    const link = await call.createLink();
    const [host, bob, cem] = [await call.person(), await call.person(), await call.person()];
    await call.joinAs(host, link.id, 'Hanna', {
      fragment: await call.hostFragment(link.id),
      beforeJoin: quiet,
    });
    await call.joinAs(bob, link.id, 'Bob', { beforeJoin: quiet });
    await call.joinAs(cem, link.id, 'Cem', { beforeJoin: quiet });
    const rogue = await rawClient(link.id, 'Rogue');
    for (const page of [host, bob, cem]) await openChat(page);
    await host.getByRole('button', { name: 'Switch chat off for everyone' }).click();
    for (const page of [bob, cem]) {
      await page.getByText('The host switched chat off.').waitFor({ timeout: 15_000 });
      await expect(page.getByRole('textbox', { name: 'Message' }).isDisabled()).resolves.toBe(true);
    }
    await look(bob, 'chat-off');
    // Sent anyway: through the page's own form with the box forced back on, and by a client
    // that ignores the switch.
    await bob.evaluate(() => {
      for (const e of document.querySelectorAll<HTMLInputElement | HTMLButtonElement>(
        '.chat-form input, .chat-form button',
      ))
        e.disabled = false;
    });
    await say(bob, 'sneaky page');
    await rogue.sendText('callink.chat', 'sneaky client');

    await host.getByRole('button', { name: 'Switch chat on for everyone' }).click();
    await expect(bob.getByRole('textbox', { name: 'Message' }).isEnabled()).resolves.toBe(true);
    await bob.getByRole('textbox', { name: 'Message' }).waitFor();
    await bob.waitForFunction(
      () => !document.querySelector('.chat-form input')?.hasAttribute('disabled'),
    );
    await say(bob, 'back on');
    await messagesFrom(cem, 'Bob').filter({ hasText: 'back on' }).waitFor({ timeout: 15_000 });
    await messagesFrom(host, 'Bob').filter({ hasText: 'back on' }).waitFor({ timeout: 15_000 });
    for (const page of [host, cem])
      expect(await page.locator('.messages .text', { hasText: 'sneaky' }).count()).toBe(0);
    await rogue.leave();
  });

  it('regression: a late joiner whose hello overtakes the news of their join still gets the history and hands', async () => {
    const link = await call.createLink();
    const ann = await call.person();
    // Ann's signalling socket runs two seconds late, so Dave's hello (over the data channel)
    // reaches her before the server's word that Dave joined.
    let lateMs = 0;
    await lateSignalling(ann.context(), () => lateMs);
    await call.joinAs(ann, link.id, 'Ann', { beforeJoin: quiet });
    await openChat(ann);
    await say(ann, 'before you came');
    await ann.getByRole('button', { name: 'Raise hand' }).click();
    lateMs = 2000;
    const dave = await call.person();
    await call.joinAs(dave, link.id, 'Dave', { beforeJoin: quiet });
    await dave.getByRole('img', { name: 'Hand raised' }).waitFor({ timeout: 20_000 });
    await openChat(dave);
    await messagesFrom(dave, 'Ann')
      .filter({ hasText: 'before you came' })
      .waitFor({ timeout: 20_000 });
  });
});
