/**
 * Key rotation after Remove in a 5-person E2EE call (host + 4 guests), in real Chromium against
 * a real LiveKit. Each round: the call is filled up to 5 and settled (every page uses the host's
 * key and plays the host's decrypted video), the host clicks Remove and confirms, and each page
 * records in itself, on its own clock (Date.now, the same machine clock for all):
 * - when the removed person's tile left it (the baseline: the removal itself), and
 * - when it took the new key (body[data-e2ee-key-index]) and the first frame of the host's video
 *   it presented after both that and the host's own switch to the new key.
 * A round counts only when every remaining guest then keeps playing the host's video well after
 * the switch (so it really decodes frames under the new key). Every wait is on page state.
 */
import type { Browser, Page } from 'playwright-core';

export type Enter = (page: Page, url: string, name: string, state: string) => Promise<void>;

const LONG = { timeout: 120_000 };

/** What a page shows, for a failure message. */
async function describe(page: Page): Promise<string> {
  return page
    .evaluate(() => {
      const b = document.body.dataset;
      const msg = document.getElementById('message')?.textContent?.trim().slice(0, 200) ?? '';
      return `state=${b.state} e2ee=${b.e2ee} key=${b.e2eeKeyIndex} message="${msg}"`;
    })
    .catch((e: unknown) => `page unreadable: ${String(e)}`);
}

async function admitGuest(
  browser: Browser,
  host: Page,
  url: string,
  name: string,
  enter: Enter,
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 640, height: 480 } });
  context.setDefaultTimeout(LONG.timeout);
  const guest = await context.newPage();
  await enter(guest, url, name, 'waiting');
  const label = `Admit ${name}`;
  // The host polls the lobby; Admit stays disabled until this browser holds the key.
  await host.waitForFunction(
    (l) => {
      const b = document.querySelector<HTMLButtonElement>(`button[aria-label="${l}"]`);
      return b !== null && !b.disabled;
    },
    label,
    LONG,
  );
  await host.getByRole('button', { name: label }).click(LONG);
  await guest.waitForFunction(
    () =>
      ['joined', 'error', 'denied', 'ended', 'full'].includes(document.body.dataset.state ?? ''),
    undefined,
    LONG,
  );
  const state = await guest.evaluate(() => document.body.dataset.state);
  if (state !== 'joined')
    throw new Error(`${name} was admitted but did not join: ${await describe(guest)}`);
  return guest;
}

/** The call holds still: everyone uses the host's key, and every guest plays the host's video. */
async function settled(host: Page, guests: Page[]): Promise<string> {
  await host.waitForFunction(() => document.body.dataset.e2ee === 'on', undefined, LONG);
  const index = await host.evaluate(() => document.body.dataset.e2eeKeyIndex ?? '');
  await Promise.all(
    guests.map(async (g) => {
      try {
        await g.waitForFunction(
          (i) =>
            document.body.dataset.e2eeKeyIndex === i &&
            [...document.querySelectorAll<HTMLElement>('[data-participant]')].some(
              (tile) =>
                (tile.querySelector('figcaption')?.textContent ?? '').includes('Host') &&
                [...tile.querySelectorAll('video')].some((v) => v.videoWidth > 0 && !v.paused),
            ),
          index,
          LONG,
        );
      } catch (error) {
        throw new Error(`a guest never settled on key ${index}: ${await describe(g)}`, {
          cause: error,
        });
      }
    }),
  );
  // The host's key must not have moved meanwhile (a late departure rotates too).
  const again = await host.evaluate(() => document.body.dataset.e2eeKeyIndex ?? '');
  return again === index ? index : settled(host, guests);
}

interface Marks {
  keyAt: number | null;
  goneAt: number | null;
  frames: number[];
}

/** Starts recording, in the page, its key change, the gone person's tile leaving and host frames. */
async function track(page: Page, before: string, gone: string): Promise<void> {
  // tsx (esbuild keepNames) wraps the inner functions below in __name(), unknown in the page.
  await page.evaluate('globalThis.__name ??= (f) => f');
  await page.evaluate(
    ([i, g]) => {
      const w = window as unknown as { __rot: Marks };
      const marks: Marks = { keyAt: null, goneAt: null, frames: [] };
      w.__rot = marks;
      const tracked = new WeakSet<HTMLVideoElement>();
      const tick = () => {
        const now = Date.now();
        if (marks.keyAt === null && document.body.dataset.e2eeKeyIndex !== i) marks.keyAt = now;
        const tiles = [...document.querySelectorAll<HTMLElement>('[data-participant]')];
        const name = (t: HTMLElement) => t.querySelector('figcaption')?.textContent ?? '';
        if (marks.goneAt === null && !tiles.some((t) => name(t).includes(g))) marks.goneAt = now;
        for (const tile of tiles.filter((t) => name(t).includes('Host'))) {
          for (const v of tile.querySelectorAll('video')) {
            if (tracked.has(v)) continue;
            tracked.add(v);
            const frame = () => {
              if (w.__rot !== marks) return;
              marks.frames.push(Date.now());
              v.requestVideoFrameCallback(frame);
            };
            v.requestVideoFrameCallback(frame);
          }
        }
        if (w.__rot === marks) requestAnimationFrame(tick);
      };
      tick();
    },
    [before, gone] as const,
  );
}

const marksOf = (page: Page) => page.evaluate(() => (window as unknown as { __rot: Marks }).__rot);

/** Ms after the confirm click: the host switches, everyone holds the new key, decodes, sees the removal. */
export interface Rotation {
  /** The last remaining page decodes the host's video under the new key (the row's value). */
  rotate: number;
  /** The removed person's tile left the last remaining page (the baseline). */
  remove: number;
  hostSwitch: number;
  keyed: number;
}

/** One Remove: ms from the confirm click until the removal shows and until the new key decodes. */
export async function rotationRound(o: {
  browser: Browser;
  host: Page;
  guests: Page[];
  url: string;
  round: number;
  enter: Enter;
}): Promise<Rotation> {
  const { host, guests } = o;
  while (guests.length < 4) {
    guests.push(await admitGuest(o.browser, host, o.url, `P${o.round}-${guests.length}`, o.enter));
  }
  const before = await settled(host, guests);
  const [gone, ...stay] = guests as [Page, ...Page[]];
  const goneName = (await gone.evaluate(() => localStorage.getItem('callink:name'))) ?? '';
  if (!(await host.locator('.people-panel').count())) {
    await host.getByRole('button', { name: 'Participants' }).first().click();
  }
  await host.getByRole('button', { name: `Remove ${goneName}` }).click(LONG);
  const confirm = host.getByRole('button', { name: 'Remove', exact: true }).last();
  await confirm.waitFor(LONG);
  for (const p of [host, ...stay]) await track(p, before, goneName);
  const t0 = Date.now();
  await confirm.click();
  const changed = (p: Page) =>
    p.waitForFunction(
      () => {
        const m = (window as unknown as { __rot: Marks }).__rot;
        return m.keyAt !== null && m.goneAt !== null;
      },
      undefined,
      LONG,
    );
  try {
    await Promise.all([host, ...stay].map(changed));
  } catch (error) {
    const seen = await Promise.all(
      [host, ...stay].map(
        async (p) =>
          `${await describe(p)} marks=${JSON.stringify({ ...(await marksOf(p)), frames: undefined })}`,
      ),
    );
    throw new Error(
      `after Remove ${goneName}, not every page saw both the removal and a new key:\n${seen.join('\n')}`,
      {
        cause: error,
      },
    );
  }
  const hostSwitch = (await marksOf(host)).keyAt as number;
  // Decoding under the new key: host frames keep coming a full second after the switch.
  await Promise.all(
    stay.map(async (g) => {
      try {
        await g.waitForFunction(
          (after) => {
            const m = (window as unknown as { __rot: Marks }).__rot;
            return m.frames.filter((f) => f > after).length >= 10;
          },
          Math.max(hostSwitch, (await marksOf(g)).keyAt as number) + 1000,
          LONG,
        );
      } catch (error) {
        throw new Error(
          `a guest stopped decoding the host after the rotation: ${await describe(g)}`,
          {
            cause: error,
          },
        );
      }
    }),
  );
  const remove: number[] = [];
  const rotate: number[] = [hostSwitch - t0];
  const keyed: number[] = [];
  for (const p of [host, ...stay]) {
    const m = await marksOf(p);
    remove.push((m.goneAt as number) - t0);
    keyed.push((m.keyAt as number) - t0);
    if (p === host) continue;
    const from = Math.max(hostSwitch, m.keyAt as number);
    const first = m.frames.find((f) => f > from) as number;
    rotate.push(first - t0);
  }
  for (const p of [host, ...stay]) {
    await p.evaluate(() => delete (window as unknown as { __rot?: Marks }).__rot);
  }
  await gone.context().close();
  guests.splice(0, 1);
  return {
    rotate: Math.max(...rotate),
    remove: Math.max(...remove),
    hostSwitch: hostSwitch - t0,
    keyed: Math.max(...keyed),
  };
}
