/**
 * rawBody (src/adapters/http/raw-body.ts), the import route's reader: a body of declared length
 * copied into one buffer as it comes, the rest (compressed, chunked) through express.raw, with
 * the same answers: the bytes whole, 413 over the limit on a connection that stays usable,
 * nothing run on a body cut short.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../src/adapters/http/errors.js';
import { rawBody } from '../../src/adapters/http/raw-body.js';
import { createLogger } from '../../src/logger.js';

const LIMIT = 3 * 1024 * 1024;
let server: Server;
let url: string;
let port: number;
let handled = 0;

beforeAll(async () => {
  const app = express();
  const reader = rawBody({ limit: LIMIT });
  // Read twice: the second reader finds the body read and passes it on at once.
  app.post('/echo', reader, reader, (req, res) => {
    handled++;
    const body = req.body as Buffer;
    res.json({ isBuffer: Buffer.isBuffer(body), length: body.length, sum: checksum(body) });
  });
  app.use(errorHandler(createLogger('silent')));
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as { port: number }).port;
  url = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (const b of bytes) sum = (sum * 31 + b) >>> 0;
  return sum;
}

function bytes(length: number) {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = (i * 7 + (i >> 8)) & 0xff;
  return out;
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${url}/echo`, { method: 'POST', body, headers, signal: AbortSignal.timeout(10_000) });

describe('raw bodies', () => {
  it('reads a body of declared length whole, in many chunks, once', async () => {
    for (const length of [0, 1, 5000, 2 * 1024 * 1024 + 17]) {
      const body = bytes(length);
      const res = await post(body);
      expect(res.status, `${length} bytes`).toBe(200);
      expect(await res.json()).toEqual({ isBuffer: true, length, sum: checksum(body) });
    }
  });

  it('reads compressed and chunked bodies through express.raw, the same bytes', async () => {
    const body = bytes(300_000);
    const zipped = await post(gzipSync(body), { 'content-encoding': 'gzip' });
    expect(await zipped.json()).toEqual({
      isBuffer: true,
      length: body.length,
      sum: checksum(body),
    });
    // A stream body goes chunked: no Content-Length.
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(body.subarray(0, 100_000));
        c.enqueue(body.subarray(100_000));
        c.close();
      },
    });
    const chunked = await fetch(`${url}/echo`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(await chunked.json()).toEqual({
      isBuffer: true,
      length: body.length,
      sum: checksum(body),
    });
  });

  it('answers 413 payload_too_large over the limit, declared or chunked, and the connection stays usable', async () => {
    const big = await post(bytes(LIMIT + 1));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(bytes(LIMIT));
        c.enqueue(bytes(10));
        c.close();
      },
    });
    const chunked = await fetch(`${url}/echo`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit).catch(() => undefined);
    if (chunked) expect(chunked.status).toBe(413);
    // On one kept-alive socket: a 413, then a good request answered on the same connection.
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    const over = bytes(LIMIT + 10);
    socket.write(`POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: ${over.length}\r\n\r\n`);
    socket.write(over);
    socket.write('POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc');
    await expect
      .poll(() => answer.match(/HTTP\/1\.1 \d{3}/g) ?? [], { timeout: 10_000 })
      .toEqual(['HTTP/1.1 413', 'HTTP/1.1 200']);
    expect(answer).toContain('"length":3');
    socket.destroy();
  });

  it('runs nothing on a body cut short (the client went away)', async () => {
    const before = handled;
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write('POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n');
    socket.write(bytes(40_000));
    await new Promise((r) => setTimeout(r, 100));
    socket.destroy();
    await new Promise((r) => setTimeout(r, 200));
    // The server is still answering, and the route never ran on the 40,000 bytes.
    const res = await post(bytes(10));
    expect(res.status).toBe(200);
    expect(handled).toBe(before + 1);
  });
});
