/**
 * The join page in real Chromium against a real LiveKit: browser verdicts (without downloading
 * livekit-client), listen-only after a denial, two people seeing each other, lobby, full call,
 * and names shown as text. Runs in the loopback-only namespace (WebRTC).
 * Set CALLINK_SCREENSHOTS=/some/dir to keep a PNG of each state.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { assertLoopbackOnly, launchChromium, newPerson } from '../support/browser.js';
import { refuse } from '../support/busy.js';
import { seesVideoOf } from '../support/call-page.js';
import { startLivekit } from '../support/livekit.js';
import { freePort } from '../support/net.js';
import { shoot } from '../support/shots.js';
import { webAppOptions } from '../support/web.js';

const OLD_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/60.0.3112.113 Safari/537.36';

let app: TestApp;
let granted: Browser;
let denied: Browser;
let linksEnabled = true;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  assertLoopbackOnly();
  const lk = inject('livekit');
  app = await startTestApp({
    appOptions: { ...webAppOptions(), mediaUrl: inject('livekit').url },
    overrides: {
      rooms: createLivekitRooms({ ...lk, loopback: true }),
      policy: async () => ({ ...DEFAULT_POLICY, linksEnabled }),
    },
    env: { CALLINK_JOIN_PAGES_PER_MINUTE: '1000' },
  });
  [granted, denied] = await Promise.all([
    launchChromium({ webrtc: true }),
    // Without a camera grant Chromium hides host addresses behind mDNS names, which nothing
    // resolves in the loopback namespace; real networks reach the server without them.
    launchChromium({
      webrtc: true,
      grantMedia: false,
      args: ['--disable-features=WebRtcHideLocalIpsWithMdns'],
    }),
  ]);
});

// Each joined page sends and decodes video: close them after every test, or the load piles up.
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
});

afterAll(async () => {
  await Promise.all([granted?.close(), denied?.close()]);
  await app?.close();
});

async function person(
  browser: Browser = granted,
  options: Parameters<typeof newPerson>[1] = {},
): Promise<{ page: Page; requests: string[] }> {
  const context = await newPerson(browser, options);
  contexts.push(context);
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  return { page, requests };
}

async function createLink(body: Record<string, unknown> = {}) {
  const res = await app.api('/api/links', { method: 'POST', json: body });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; url: string };
}

const pageUrl = (id: string, fragment = '') => `${app.url}/j/${id}${fragment}`;

async function stateOf(page: Page, state: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction((s) => document.body.dataset.state === s, state, { timeout });
  const dir = process.env.CALLINK_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${state}-${Date.now()}.png`, fullPage: true });
}

/** Opens the join page, waits until it is ready, joins as `name` and waits for `state`. */
async function enter(page: Page, url: string, name: string, state: string): Promise<void> {
  await page.goto(url);
  await stateOf(page, 'ready');
  await join(page, name);
  await stateOf(page, state);
}

/** A new link (made with `body`) with its host in the call, from the host link's fragment. */
async function hostedCall(body: Record<string, unknown> = {}) {
  const link = await createLink(body);
  const key = await app.api(`/api/links/${link.id}/host-key`, { method: 'POST' });
  const { hostUrl } = (await key.json()) as { hostUrl: string };
  const host = await person();
  await enter(host.page, pageUrl(link.id, `#${hostUrl.split('#')[1]}`), 'Host', 'joined');
  return { link, host };
}

async function join(page: Page, name: string): Promise<void> {
  // On a starved machine the network check may still give up; the page then offers what a
  // person would press.
  if ((await page.evaluate(() => document.body.dataset.state)) === 'blocked') {
    await page.getByRole('button', { name: 'Try to join anyway' }).click({ force: true });
  }
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: /^Join/ }).click();
}

describe('the browser check', () => {
  it('tells an old Chrome it is unsupported, without downloading livekit-client', async () => {
    const link = await createLink();
    const { page, requests } = await person(granted, { userAgent: OLD_CHROME });
    await page.goto(pageUrl(link.id));
    await stateOf(page, 'unsupported');
    await expect(page.locator('#details').innerText()).resolves.toMatch(/Chrome 60 is too old/);
    await page.waitForTimeout(300);
    expect(requests.filter((u) => /livekit|network-check|call-/.test(u))).toEqual([]);
  });

  it('tells a browser without RTCPeerConnection it is unsupported, without livekit-client', async () => {
    const link = await createLink();
    const { page, requests } = await person();
    await page.addInitScript(() => {
      delete (window as unknown as Record<string, unknown>).RTCPeerConnection;
    });
    await page.goto(pageUrl(link.id));
    await stateOf(page, 'unsupported');
    await expect(page.locator('#details').innerText()).resolves.toMatch(/cannot make video calls/);
    expect(requests.filter((u) => /livekit/.test(u))).toEqual([]);
  });

  it('says an encrypted link whose key was cut off is incomplete', async () => {
    const link = await createLink({ e2ee: true, e2eeMode: 'passphrase' });
    const { page } = await person();
    await page.goto(pageUrl(link.id, `#k=${link.url.split('#k=')[1]?.slice(0, 20)}`));
    await stateOf(page, 'error');
    await expect(page.locator('#message').innerText()).resolves.toMatch(/incomplete/);
  });

  it('says calls are disabled by the organization, in German for a German browser', async () => {
    const link = await createLink();
    linksEnabled = false;
    try {
      const { page } = await person(granted, { locale: 'de-DE' });
      await page.goto(pageUrl(link.id));
      await stateOf(page, 'error');
      await expect(page.locator('#message').innerText()).resolves.toMatch(/von der Organisation/);
    } finally {
      linksEnabled = true;
    }
  });

  it('stops plain http on a non-local host and says to use https', async () => {
    const link = await createLink();
    // callink.test resolves to 127.0.0.1 inside this browser only: a non-local name over http.
    const browser = await launchChromium({
      args: ['--host-resolver-rules=MAP callink.test 127.0.0.1'],
    });
    try {
      const page = await (await newPerson(browser)).newPage();
      await page.goto(`${app.url.replace('127.0.0.1', 'callink.test')}/j/${link.id}`);
      await stateOf(page, 'blocked');
      await expect(page.locator('#message').innerText()).resolves.toMatch(/unencrypted/);
      await expect(page.locator('#details').innerText()).resolves.toMatch(/https:\/\//);
    } finally {
      await browser.close();
    }
  });

  it('says in words that the network blocks calls when the media server is unreachable', async () => {
    const lk = inject('livekit');
    const closed = `ws://127.0.0.1:${await freePort()}`;
    // The server reaches its media server; only the browser cannot (the address it is given
    // is closed to it), as behind a firewall.
    const cut = await startTestApp({
      appOptions: { ...webAppOptions(), mediaUrl: closed },
      overrides: { rooms: { ...createLivekitRooms({ ...lk, loopback: true }), url: closed } },
    });
    try {
      const res = await cut.api('/api/links', { method: 'POST', json: {} });
      const { id } = (await res.json()) as { id: string };
      const { page } = await person();
      await page.goto(`${cut.url}/j/${id}`);
      await stateOf(page, 'blocked');
      await expect(page.locator('#message').innerText()).resolves.toMatch(
        /Your network blocks calls/,
      );
      await expect(page.locator('#details').innerText()).resolves.toMatch(/another network/);
      await page.getByRole('button', { name: 'Try to join anyway' }).click();
      await stateOf(page, 'ready');
    } finally {
      await cut.close();
    }
  });

  it('a dead LiveKit node makes one instance useless but healthy: the page says the call service is unavailable, not the network', async () => {
    const lk = inject('livekit');
    const closed = `ws://127.0.0.1:${await freePort()}`;
    const down = await startTestApp({
      appOptions: { ...webAppOptions(), mediaUrl: closed },
      overrides: { rooms: createLivekitRooms({ ...lk, url: closed, loopback: true }) },
    });
    try {
      const res = await down.api('/api/links', { method: 'POST', json: {} });
      const { id } = (await res.json()) as { id: string };
      const { page } = await person();
      await page.goto(`${down.url}/j/${id}`);
      await stateOf(page, 'error');
      const text = await page.locator('body').innerText();
      expect(text).toMatch(/The call service is unavailable right now/);
      expect(text).toMatch(/not a problem with your network/);
      expect(text).not.toMatch(/Your network blocks calls/);
    } finally {
      await down.close();
    }
  });
});

// Several browsers with live video on a shared two-core machine: give joins room.
describe('joining', { timeout: 60_000 }, () => {
  it('lets two people join one link and see each other; a name with HTML stays text', async () => {
    const link = await createLink({ title: 'Two people' });
    const alice = await person();
    const bob = await person();
    const bobName = '<img src=x onerror="window.pwned=1">Bob';
    await enter(alice.page, pageUrl(link.id), 'Alice', 'joined');
    await enter(bob.page, pageUrl(link.id), bobName, 'joined');
    await Promise.all([
      seesVideoOf(alice.page, bobName, 20_000),
      seesVideoOf(bob.page, 'Alice', 20_000),
    ]);
    expect(await alice.page.locator('#call img').count()).toBe(0);
    expect(await alice.page.evaluate(() => 'pwned' in window)).toBe(false);
  });

  it('lets a person who denied the camera and microphone join listen-only', async () => {
    const link = await createLink();
    const { page } = await person(denied);
    await page.goto(pageUrl(link.id));
    await stateOf(page, 'ready');
    await page.getByText('not allowed to use your camera').waitFor();
    await page.getByRole('button', { name: 'Join listen-only' }).waitFor();
    await join(page, 'Listener');
    await stateOf(page, 'joined');
    expect(await page.getByRole('button', { name: 'Mute' }).count()).toBe(0);
  });

  it('keeps a guest in the lobby until the host admits, and tells a denied guest', async () => {
    const { link, host } = await hostedCall({ lobby: true });

    const guest = await person();
    await enter(guest.page, pageUrl(link.id), 'Guest', 'waiting');
    await host.page.getByRole('button', { name: 'Admit Guest' }).click({ timeout: 10_000 });
    await stateOf(guest.page, 'joined');

    const stranger = await person();
    await enter(stranger.page, pageUrl(link.id), 'Stranger', 'waiting');
    await host.page.getByRole('button', { name: 'Deny Stranger' }).click({ timeout: 10_000 });
    await stateOf(stranger.page, 'denied');
  });

  it('regression: an admission the server could not carry out put the knock back without a word', async () => {
    const { link, host } = await hostedCall({ lobby: true });
    const guest = await person();
    await enter(guest.page, pageUrl(link.id), 'Guest', 'waiting');
    const busy = refuse(4);
    await host.page.route('**/lobby/*/admit', busy.handler);
    await host.page.getByRole('button', { name: 'Admit Guest' }).click({ timeout: 10_000 });
    // Three answers of 503 (asked again after 1 s and 2.5 s): the knock says so and stays.
    const knock = host.page.locator('.knocks li');
    await expect(knock.getByRole('alert').innerText({ timeout: 15_000 })).resolves.toMatch(
      /Could not let Guest in/,
    );
    expect(busy.count()).toBe(3);
    expect(await guest.page.evaluate(() => document.body.dataset.state)).toBe('waiting');
    const dir = process.env.CALLINK_SCREENSHOTS;
    if (dir) await shoot(host.page, dir, 'admit-failed');
    // Trying again: one more 503 is asked again, and the guest is in.
    await host.page.getByRole('button', { name: 'Admit Guest' }).click();
    await stateOf(guest.page, 'joined');
    expect(busy.count()).toBe(4);
    await knock.waitFor({ state: 'detached' });
  });

  it('regression: one join the media server was too slow to answer (503) told the person the service was unavailable; the page asks again, and says so only when it stays down', async () => {
    const link = await createLink();
    const once = refuse(1);
    const patient = await person();
    await patient.page.route('**/api/links/*/join', once.handler);
    await enter(patient.page, pageUrl(link.id), 'Patient', 'joined');
    expect(once.count()).toBe(1);

    const always = refuse(Infinity);
    const unlucky = await person();
    await unlucky.page.route('**/api/links/*/join', always.handler);
    await enter(unlucky.page, pageUrl(link.id), 'Unlucky', 'error');
    expect(always.count()).toBe(3);
    await expect(unlucky.page.locator('#message').innerText()).resolves.toMatch(
      /The call service is unavailable right now/,
    );
  });

  it('tells the next person that a full call is full', async () => {
    const link = await createLink({ maxParticipants: 1 });
    const first = await person();
    await enter(first.page, pageUrl(link.id), 'First', 'joined');
    const second = await person();
    await enter(second.page, pageUrl(link.id), 'Second', 'full');
    await expect(second.page.locator('#message').innerText()).resolves.toMatch(/full/);
  });
  it('joins an encrypted call with the key from the fragment, which never reaches the server', async () => {
    const link = await createLink({ e2ee: true, e2eeMode: 'passphrase' });
    const fragment = `#${link.url.split('#')[1]}`;
    const key = fragment.slice('#k='.length);
    const sent: string[] = [];
    const alice = await person();
    const bob = await person();
    for (const p of [alice, bob]) {
      p.page.on('request', (r) => sent.push(`${r.url()} ${r.postData() ?? ''}`));
    }
    for (const [p, name] of [
      [alice, 'Alice'],
      [bob, 'Bob'],
    ] as const) {
      await enter(p.page, pageUrl(link.id, fragment), name, 'joined');
    }
    await Promise.all([
      seesVideoOf(alice.page, 'Bob', 20_000),
      seesVideoOf(bob.page, 'Alice', 20_000),
    ]);
    expect(await alice.page.locator('#encrypted').innerText()).toMatch(/encrypted/i);
    expect(sent.length).toBeGreaterThan(5);
    expect(sent.filter((line) => line.includes(key))).toEqual([]);
  });

  it('tells a removed person why they left, and everyone when the host ends the call', async () => {
    const { link, host } = await hostedCall();
    const [guest, other] = [await person(), await person()];
    for (const [p, name] of [
      [guest, 'Guest'],
      [other, 'Other'],
    ] as const) {
      await enter(p.page, pageUrl(link.id), name, 'joined');
    }
    await host.page.getByRole('button', { name: 'Participants' }).click();
    await host.page.getByRole('button', { name: 'Remove Guest' }).click({ timeout: 10_000 });
    // Removing and ending ask first (one click used to act at once).
    await host.page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    // The dialog closes once the server has removed them (it stays open, saying so, if not).
    await host.page.getByRole('dialog').waitFor({ state: 'hidden', timeout: 15_000 });
    await stateOf(guest.page, 'ended');
    await expect(guest.page.locator('#message').innerText()).resolves.toMatch(/removed you/);
    await host.page.getByRole('button', { name: 'End call for everyone' }).click();
    await host.page.getByRole('dialog').getByRole('button', { name: 'End for everyone' }).click();
    await stateOf(other.page, 'ended');
    await expect(other.page.locator('#message').innerText()).resolves.toMatch(/has ended/);
  });

  it('regression: a Remove the server could not carry out closed its dialog and said nothing', async () => {
    const { link, host } = await hostedCall();
    const guest = await person();
    await enter(guest.page, pageUrl(link.id), 'Guest', 'joined');
    // The server answers busy four times, then carries the removal through.
    const busy = refuse(4);
    await host.page.route('**/participants/*/remove', busy.handler);
    await host.page.getByRole('button', { name: 'Participants' }).click();
    await host.page.getByRole('button', { name: 'Remove Guest' }).click({ timeout: 10_000 });
    const dialog = host.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Remove' }).click();
    // Three answers of 503 (asked again after 1 s and 2.5 s): the dialog says so and stays.
    await expect(dialog.getByRole('alert').innerText({ timeout: 15_000 })).resolves.toMatch(
      /Could not remove Guest/,
    );
    expect(busy.count()).toBe(3);
    const dir = process.env.CALLINK_SCREENSHOTS;
    if (dir) await shoot(host.page, dir, 'remove-failed');
    expect(await guest.page.evaluate(() => document.body.dataset.state)).toBe('joined');
    // Trying again: one more 503 is asked again, and the guest is removed.
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
    expect(busy.count()).toBe(4);
    await stateOf(guest.page, 'ended');
    await expect(guest.page.locator('#message').innerText()).resolves.toMatch(/removed you/);
  });

  it('shows a reconnecting banner while the media server is down, and recovers', async () => {
    const own = await startLivekit();
    const solo = await startTestApp({
      appOptions: { ...webAppOptions(), mediaUrl: own.url },
      overrides: { rooms: createLivekitRooms({ ...own, loopback: true }) },
    });
    try {
      const res = await solo.api('/api/links', { method: 'POST', json: {} });
      const { id } = (await res.json()) as { id: string };
      const { page } = await person();
      await page.goto(`${solo.url}/j/${id}`);
      await stateOf(page, 'ready');
      await join(page, 'Steady');
      await stateOf(page, 'joined');
      const banner = page.getByRole('alert');
      await own.kill();
      await banner.waitFor({ state: 'visible', timeout: 40_000 });
      expect(await banner.innerText()).toMatch(/Reconnecting/);
      await own.start();
      await banner.waitFor({ state: 'hidden', timeout: 30_000 });
      expect(await page.evaluate(() => document.body.dataset.state)).toBe('joined');
    } finally {
      await solo.close();
      await own.stop();
    }
  });

  it('says the link was deleted when it is revoked before joining', async () => {
    const link = await createLink();
    const { page } = await person();
    await page.goto(pageUrl(link.id));
    await stateOf(page, 'ready');
    expect((await app.api(`/api/links/${link.id}`, { method: 'DELETE' })).status).toBe(204);
    await join(page, 'Late');
    await stateOf(page, 'revoked');
    await expect(page.locator('#message').innerText()).resolves.toMatch(/deleted/);
  });
});
