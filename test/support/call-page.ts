/**
 * What the call e2e files share: the app serving the built join page with real LiveKit rooms,
 * one Chromium with fake devices (WebRTC, so only in the loopback-only namespace), a fresh
 * context per person, joining through the join page as a person does, and axe-core.
 * `useCallPage()` registers the vitest hooks that start and stop all of it.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { roomOf } from '../../src/core/usecases/join.js';
import { startTestApp, type TestApp } from './app.js';
import { axeViolations } from './axe.js';
import { assertLoopbackOnly, launchChromium } from './browser.js';
import { webAppOptions } from './web.js';

export interface PersonOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** More context options (permissions, …) for this person. */
  context?: BrowserContextOptions;
}

export interface CallPage {
  readonly app: TestApp;
  readonly browser: Browser;
  /** A new person: their own context (storage, permissions), 1280×800 light unless told. */
  person(options?: PersonOptions): Promise<Page>;
  createLink(body?: Record<string, unknown>): Promise<{ id: string; url: string }>;
  /** The `#…` fragment of a fresh host link for the link. */
  hostFragment(linkId: string): Promise<string>;
  /**
   * Opens the link, types the name, presses Join and waits for `until` (default "joined";
   * null: return right after the click, e.g. for a guest who will wait in the lobby).
   */
  joinAs(
    page: Page,
    linkId: string,
    name: string,
    options?: { fragment?: string; until?: string | null; beforeJoin?(page: Page): Promise<void> },
  ): Promise<void>;
}

export interface CallPageOptions {
  /** More Chromium flags (fake screen capture, …). */
  chromiumArgs?: string[];
  /** Called with a page right after the ready state, before the name is typed. */
  onReady?(page: Page, name: string): Promise<void>;
}

export async function stateOf(page: Page, state: string, timeout = 20_000): Promise<void> {
  try {
    await page.waitForFunction((s) => document.body.dataset.state === s, state, { timeout });
  } catch (error) {
    // Say what the page shows instead, so a failure needs no rerun to understand.
    const seen = await page
      .evaluate(
        () =>
          `${document.body.dataset.state}: ${(document.querySelector('#status-box') as HTMLElement | null)?.innerText ?? ''}`,
      )
      .catch(() => 'unknown');
    throw new Error(`waited ${timeout} ms for "${state}", the page is "${seen}"`, { cause: error });
  }
}

/** axe-core's violations as one line each ("rule: targets"), so a failure says where. */
export async function axeLines(page: Page): Promise<string[]> {
  return (await axeViolations(page)).map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** The remote camera tile of the person called `name`, as another participant sees it. */
export const cameraTile = (page: Page, name: string) =>
  page.locator('[data-participant][data-source="camera"]', {
    has: page.locator('figcaption', { hasText: new RegExp(`^${name}$`) }),
  });

/** Waits until some video under `selector` shows frames. */
export async function playing(page: Page, selector: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (sel) =>
      [...document.querySelectorAll<HTMLVideoElement>(`${sel} video`)].some(
        (v) => v.videoWidth > 0 && !v.paused,
      ),
    selector,
    { timeout },
  );
}

/**
 * Waits until the tile of the person called `name` (its caption exactly) shows a playing
 * video. A failure says what each tile showed instead (LiveKit's muted flags, its videos), so
 * it needs no rerun to understand.
 */
export async function seesVideoOf(page: Page, name: string, timeout = 30_000): Promise<void> {
  await page
    .waitForFunction(
      (n) =>
        [...document.querySelectorAll<HTMLElement>('[data-participant]')].some(
          (tile) =>
            tile.querySelector('figcaption')?.textContent === n &&
            [...tile.querySelectorAll('video')].some((v) => v.videoWidth > 0 && !v.paused),
        ),
      name,
      { timeout },
    )
    .catch(async (error: unknown) => {
      const tiles = await page
        .evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('[data-participant]')].map((t) => ({
            name: t.querySelector('figcaption')?.textContent,
            source: t.dataset.source,
            attrs: [...t.attributes].map((a) => `${a.name}=${a.value}`).join(' '),
            videos: [...t.querySelectorAll('video')].map(
              (v) => `${v.videoWidth}x${v.videoHeight} paused=${v.paused} ready=${v.readyState}`,
            ),
          })),
        )
        .catch(() => 'unknown');
      throw new Error(`never saw ${name}'s video: ${JSON.stringify(tiles)}`, { cause: error });
    });
}

/**
 * True once some remote sound is really heard: a playing audio element whose stream an analyser
 * reads above silence, within `timeout`. The audio elements are looked for again on every try:
 * a track just unmuted is published, subscribed and given its element a moment later (a loaded
 * CI run asked before that element existed, and an answer from the elements of that instant
 * was a flat "no").
 */
export async function hearsSomeone(page: Page, timeout = 15_000): Promise<boolean> {
  return page.evaluate(async (ms) => {
    const ctx = new AudioContext();
    await ctx.resume();
    const analysers = new Map<MediaStream, AnalyserNode>();
    const buf = new Float32Array(2048);
    try {
      for (const end = performance.now() + ms; performance.now() < end;) {
        for (const audio of document.querySelectorAll('audio')) {
          const stream = audio.srcObject;
          if (audio.paused || !(stream instanceof MediaStream) || analysers.has(stream)) continue;
          if (stream.getAudioTracks().length === 0) continue;
          const analyser = ctx.createAnalyser();
          ctx.createMediaStreamSource(stream).connect(analyser);
          analysers.set(stream, analyser);
        }
        await new Promise((r) => setTimeout(r, 100));
        for (const analyser of analysers.values()) {
          analyser.getFloatTimeDomainData(buf);
          if (buf.some((v) => Math.abs(v) > 0.01)) return true;
        }
      }
      return false;
    } finally {
      await ctx.close();
    }
  }, timeout);
}

/**
 * What the media server says to this context's pages over the signalling socket arrives late:
 * the n-th message (from 0, per socket) `lateMs(n)` ms after it was sent, in order.
 */
export async function lateSignalling(
  context: BrowserContext,
  lateMs: (n: number) => number,
): Promise<void> {
  await context.routeWebSocket(/\/rtc/, (ws) => {
    const server = ws.connectToServer();
    let chain = Promise.resolve();
    let n = 0;
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => {
      const due = Date.now() + lateMs(n++);
      chain = chain.then(async () => {
        const wait = due - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        ws.send(m);
      });
    });
  });
}

/** The tracks the media server holds for the person called `name`, as "audio:on", sorted. */
export async function serverTracks(
  call: CallPage,
  link: { id: string },
  name: string,
): Promise<string[] | undefined> {
  return (await call.app.deps.rooms!.participants(roomOf(link)))
    .find((p) => p.name === name)
    ?.tracks.map((t) => `${t.kind}:${t.muted ? 'muted' : 'on'}`)
    .sort();
}

export function useCallPage(options: CallPageOptions = {}): CallPage {
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started (beforeAll failed?)`);
    return value;
  };

  beforeAll(async () => {
    assertLoopbackOnly();
    const lk = inject('livekit');
    app = await startTestApp({
      appOptions: { ...webAppOptions(), mediaUrl: lk.url },
      overrides: { rooms: createLivekitRooms({ ...lk, loopback: true }) },
      env: { CALLINK_JOIN_PAGES_PER_MINUTE: '1000' },
    });
    browser = await launchChromium({ webrtc: true, args: options.chromiumArgs ?? [] });
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const page: CallPage = {
    get app() {
      return need(app, 'the app');
    },
    get browser() {
      return need(browser, 'Chromium');
    },
    async person(o: PersonOptions = {}) {
      const context = await page.browser.newContext({
        viewport: o.viewport ?? { width: 1280, height: 800 },
        colorScheme: o.colorScheme ?? 'light',
        ...o.context,
      });
      contexts.push(context);
      return context.newPage();
    },
    async createLink(body = {}) {
      const res = await page.app.api('/api/links', { method: 'POST', json: body });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string; url: string };
    },
    async hostFragment(linkId) {
      const res = await page.app.api(`/api/links/${linkId}/host-key`, { method: 'POST' });
      const { hostUrl } = (await res.json()) as { hostUrl: string };
      return `#${hostUrl.split('#')[1]}`;
    },
    async joinAs(p, linkId, name, o = {}) {
      await p.goto(`${page.app.url}/j/${linkId}${o.fragment ?? ''}`);
      await stateOf(p, 'ready');
      await options.onReady?.(p, name);
      await o.beforeJoin?.(p);
      const join = async () => {
        await p.getByLabel('Your name').fill(name);
        await p.getByRole('button', { name: /^Join/ }).click();
      };
      await join()
        .catch(async (error: unknown) => {
          // The join page's 5 s network check can time out on this loaded machine and say
          // "Your network blocks calls"; a person then presses "Join anyway", and so do we.
          if ((await p.evaluate(() => document.body.dataset.state)) !== 'blocked') throw error;
          console.warn(`the network check said "blocked" for ${name}; joining anyway`);
          await p.getByRole('button', { name: 'Join anyway' }).click();
          await stateOf(p, 'ready');
          await join();
        })
        .catch(async (error: unknown) => {
          const seen = await p
            .evaluate(
              () => `${document.body.dataset.state}: ${document.body.innerText.slice(0, 600)}`,
            )
            .catch(() => 'unknown');
          const hidden = await p
            .evaluate(() =>
              [...document.querySelectorAll<HTMLElement>('#name, #name *')]
                .concat(
                  (() => {
                    const up: HTMLElement[] = [];
                    for (let e = document.getElementById('name'); e; e = e.parentElement)
                      up.push(e);
                    return up;
                  })(),
                )
                .filter(
                  (e) =>
                    e.hidden ||
                    getComputedStyle(e).display === 'none' ||
                    getComputedStyle(e).visibility === 'hidden',
                )
                .map((e) => `${e.tagName}#${e.id}.${e.className}`),
            )
            .catch(() => []);
          throw new Error(
            `could not type the name and join as ${name}; hidden: ${JSON.stringify(hidden)}; the page shows "${seen}"`,
            { cause: error },
          );
        });
      const until = o.until === undefined ? 'joined' : o.until;
      if (until) await stateOf(p, until);
    },
  };
  return page;
}
