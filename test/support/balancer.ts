/**
 * A small HTTP load balancer (http-proxy) in front of several callink instances, as a
 * deployment would have: round robin over the instances whose GET /readyz answers 200 (checked
 * every 250 ms), and a request whose connection an instance refused goes to the next one
 * (bodies are buffered, so a retried POST is sent whole). An answer from an instance, 5xx
 * included, is passed on as it is.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Readable } from 'node:stream';
import httpProxy from 'http-proxy';

export interface Balancer {
  url: string;
  port: number;
  /** Which backends are in rotation now. */
  healthy(): string[];
  close(): Promise<void>;
}

const RETRYABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function startBalancer(backends: string[], port = 0): Promise<Balancer> {
  const proxy = httpProxy.createProxyServer({ xfwd: true, proxyTimeout: 60_000 });
  proxy.on('error', () => undefined); // handled per request below
  const up = new Map(backends.map((b) => [b, true]));
  let next = 0;
  const check = async () => {
    await Promise.all(
      backends.map(async (b) => {
        const ok = await fetch(`${b}/readyz`, { signal: AbortSignal.timeout(1000) }).then(
          (r) => r.ok,
          () => false,
        );
        up.set(b, ok);
      }),
    );
  };
  await check();
  const timer = setInterval(() => void check(), 250);
  const rotation = () => {
    const live = backends.filter((b) => up.get(b));
    return live.length > 0 ? live : backends; // all drained: still try, so errors are real
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const buffered = await body(req);
      const order = rotation();
      const start = next++ % order.length;
      const tryAt = (i: number) => {
        const target = order[(start + i) % order.length] as string;
        proxy.web(
          req,
          res,
          { target, buffer: Readable.from([buffered]) as never },
          (err: NodeJS.ErrnoException) => {
            const retry = RETRYABLE.has(err.code ?? '') && i + 1 < order.length && !res.headersSent;
            if (err.code === 'ECONNREFUSED') up.set(target, false);
            if (retry && (err.code === 'ECONNREFUSED' || req.method === 'GET')) return tryAt(i + 1);
            if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
            res.end(
              JSON.stringify({ error: { code: 'bad_gateway', message: 'No instance answered.' } }),
            );
          },
        );
      };
      tryAt(0);
    })();
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const addr = server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    healthy: () => backends.filter((b) => up.get(b)),
    async close() {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      proxy.close();
    },
  };
}
