/**
 * A removed participant coming back: a bare livekit-client page (lk-e2ee-page.ts) that joins
 * with the LiveKit token and room key it kept. Served from loopback; WebRTC, so only inside
 * the loopback-only namespace.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { assertLoopbackOnly } from './livekit.js';

export interface Intruder {
  page: Page;
  join(url: string, token: string, keyHex: string, index: number): Promise<string>;
  decryptionErrors(): Promise<number>;
  subscribed(): Promise<number>;
  decodedWidth(): Promise<number>;
}

declare const callinkIntruder: {
  join(url: string, token: string, keyHex: string, index: number): Promise<string>;
  state: { decryptionErrors: number; subscribed: number };
  decodedWidth(): number;
};

export async function startIntruderServer(): Promise<{
  open(browser: Browser): Promise<Intruder>;
  close(): Promise<void>;
}> {
  assertLoopbackOnly();
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [join(import.meta.dirname, 'browser', 'lk-e2ee-page.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    logLevel: 'silent',
  });
  const script = out.outputFiles[0]?.text ?? '';
  const worker = readFileSync(
    join(
      import.meta.dirname,
      '../../node_modules/livekit-client/dist/livekit-client.e2ee.worker.mjs',
    ),
  );
  const server: Server = createServer((req, res) => {
    if (req.url === '/lk.js' || req.url === '/e2ee-worker.js') {
      res
        .writeHead(200, { 'content-type': 'text/javascript' })
        .end(req.url === '/lk.js' ? script : worker);
      return;
    }
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>intruder</title><script type="module" src="/lk.js"></script>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    async open(browser) {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => 'callinkIntruder' in globalThis);
      return {
        page,
        join: (url, token, keyHex, index) =>
          page.evaluate(([u, t, k, i]) => callinkIntruder.join(u, t, k, i), [
            url,
            token,
            keyHex,
            index,
          ] as const),
        decryptionErrors: () => page.evaluate(() => callinkIntruder.state.decryptionErrors),
        subscribed: () => page.evaluate(() => callinkIntruder.state.subscribed),
        decodedWidth: () => page.evaluate(() => callinkIntruder.decodedWidth()),
      };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
