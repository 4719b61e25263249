/**
 * Real LiveKit participants in headless Chromium (Debian's /usr/bin/chromium through
 * playwright-core), each a page running livekit-client. WebRTC, so only inside the
 * loopback-only network namespace; Chromium gathers 127.0.0.1 host candidates there with
 * --allow-loopback-in-peer-connection.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { assertLoopbackOnly } from './livekit.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
];

export interface JoinOutcome {
  ok: boolean;
  room?: string;
  identity?: string;
  message?: string;
  reason?: number;
}

export interface BrowserParticipant {
  page: Page;
  join(url: string, token: string, iceServers?: { urls: string[] }[]): Promise<JoinOutcome>;
  events(): Promise<{ type: string; [k: string]: unknown }[]>;
  publishAudio(): Promise<void>;
  sendText(topic: string, text: string): Promise<void>;
  connected(): Promise<boolean>;
  leave(): Promise<void>;
}

interface PageApi {
  join(url: string, token: string, iceServers: { urls: string[] }[]): Promise<JoinOutcome>;
  events: { type: string; [k: string]: unknown }[];
  publishAudio(): Promise<void>;
  sendText(topic: string, text: string): Promise<void>;
  connected(): boolean;
  leave(): Promise<void>;
}
// Runs inside the page (serialized by playwright), where lk-page.ts has set callinkTest.
declare function callinkTestApi(): PageApi;

export interface Browsers {
  participant(): Promise<BrowserParticipant>;
  close(): Promise<void>;
}

async function bundle(): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [join(import.meta.dirname, 'browser', 'lk-page.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    minify: true,
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}

export async function startBrowsers(): Promise<Browsers> {
  assertLoopbackOnly();
  try {
    readFileSync(CHROMIUM);
  } catch {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: run \`npm test\` as root or apt-get install chromium.`,
    );
  }
  const script = await bundle();
  const server: Server = createServer((req, res) => {
    if (req.url === '/lk.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      return;
    }
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>lk</title><script type="module" src="/lk.js"></script>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const pageUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  // launch() gives each browser a fresh temporary profile of its own.
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ARGS.filter((a) => a !== '--headless'),
    headless: true,
  });
  const context = await browser.newContext();
  return {
    async participant() {
      const page = await context.newPage();
      await page.goto(pageUrl);
      await page.waitForFunction(() => 'callinkTestApi' in globalThis);
      return {
        page,
        join: (url, token, iceServers = []) =>
          page.evaluate(([u, t, i]) => callinkTestApi().join(u, t, i) as Promise<JoinOutcome>, [
            url,
            token,
            iceServers,
          ] as const),
        events: () => page.evaluate(() => callinkTestApi().events),
        publishAudio: () => page.evaluate(() => callinkTestApi().publishAudio()),
        sendText: (topic, text) =>
          page.evaluate(([to, x]) => callinkTestApi().sendText(to, x), [topic, text] as const),
        connected: () => page.evaluate(() => callinkTestApi().connected()),
        async leave() {
          await page.evaluate(() => callinkTestApi().leave());
          await page.close();
        },
      };
    },
    async close() {
      await browser.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
