/**
 * jsonBody: JSON request bodies read directly in the common case (application/json or
 * application/*+json, UTF-8 or no charset, no Content-Encoding), body-parser for the rest, and
 * the same answers through the app's error handler (400 invalid_json, 413 payload_too_large).
 * Driven over real HTTP on loopback against a small Express app.
 */
import { Agent, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { Writable } from 'node:stream';
import { deflateSync, gzipSync } from 'node:zlib';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorHandler } from '../../src/adapters/http/errors.js';
import { jsonBody } from '../../src/adapters/http/json-body.js';
import { createLogger } from '../../src/logger.js';

const LIMIT = 1024;

interface Seen {
  /** What the route saw: req.body, and whether req.body was there at all. */
  routed: { body: unknown; hasBody: boolean }[];
  /** Errors on their way to the error handler. */
  errors: unknown[];
}
const seen: Seen = { routed: [], errors: [] };

let server: Server;
let base: string;
let port: number;

function route(): RequestHandler {
  return (req, res) => {
    seen.routed.push({ body: req.body, hasBody: req.body !== undefined });
    res.json({ body: req.body === undefined ? '<undefined>' : req.body });
  };
}

beforeAll(async () => {
  const app = express();
  const json = jsonBody({ limit: LIMIT });
  app.post('/echo', json, route());
  // Read twice, as the app does (/api: the public router's json, then the bearer router's).
  app.post('/twice', json, json, route());
  // A body some earlier middleware has already read, and flagged as body-parser does.
  app.post(
    '/preread',
    (req, _res, next) => {
      (req as { _body?: boolean })._body = true;
      req.body = { already: 'read' };
      next();
    },
    json,
    route(),
  );
  // A body body-parser read: jsonBody after express.json leaves it alone.
  app.post('/library-first', express.json({ limit: LIMIT }), json, route());
  // A body some other reader consumed (without the flag).
  app.post(
    '/consumed',
    (req, _res, next) => {
      req.on('data', () => undefined);
      req.on('end', () => next());
    },
    json,
    route(),
  );
  // An earlier middleware that waits (a store lookup, say) before the body is read: by then the
  // whole small body has been received, and still waits unread in the stream.
  app.post(
    '/late',
    (_req, _res, next) => {
      setTimeout(next, 30);
    },
    json,
    route(),
  );
  const record: ErrorRequestHandler = (error, _req, _res, next) => {
    seen.errors.push(error);
    next(error);
  };
  app.use(record);
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  app.use(errorHandler(createLogger('silent', sink)));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  port = (server.address() as { port: number }).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});
beforeEach(() => {
  seen.routed = [];
  seen.errors = [];
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  json: { body?: unknown; error?: { code: string; message: string } };
}

/** One request over node:http: body as given (Buffer, or chunks written one by one). */
function send(
  path: string,
  headers: Record<string, string | number>,
  body?: Buffer | string | (Buffer | string)[],
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            json: text ? (JSON.parse(text) as Answer['json']) : {},
          });
        });
      },
    );
    // The server may answer (413) before the whole body is written: that is fine here.
    req.on('error', reject);
    if (Array.isArray(body)) for (const chunk of body) req.write(chunk);
    else if (body !== undefined) req.write(body);
    req.end();
  });
}

function post(
  body: string | Buffer,
  type = 'application/json',
  extra: Record<string, string> = {},
) {
  const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return send('/echo', { 'content-type': type, 'content-length': buffer.length, ...extra }, buffer);
}

describe('jsonBody: the common case, read directly', () => {
  it('parses application/json into req.body', async () => {
    const res = await post('{"name":"Ada","n":[1,2,3]}');
    expect(res.status).toBe(200);
    expect(res.json.body).toEqual({ name: 'Ada', n: [1, 2, 3] });
  });

  it.each([
    'application/json; charset=utf-8',
    'application/json; charset=UTF-8',
    'application/json;charset="utf-8"',
    'APPLICATION/JSON',
    'application/vnd.api+json',
    'application/merge-patch+json; charset=utf-8',
  ])('parses a body sent as %s', async (type) => {
    const res = await post('{"ok":true}', type);
    expect(res.status).toBe(200);
    expect(res.json.body).toEqual({ ok: true });
  });

  it('accepts non-object JSON (strict off, as the body-parser setup it replaces)', async () => {
    expect((await post('[1,"two"]')).json.body).toEqual([1, 'two']);
    expect((await post('"text"')).json.body).toBe('text');
    expect((await post('42')).json.body).toBe(42);
  });

  it('decodes multi-byte UTF-8 split across chunks', async () => {
    const whole = Buffer.from(JSON.stringify({ name: 'Zoë 🦊 Łukasz' }), 'utf8');
    // Split inside the four bytes of the emoji and inside the two of ë.
    const emoji = whole.indexOf(Buffer.from('🦊'));
    const diaeresis = whole.indexOf(Buffer.from('ë'));
    const parts = [
      whole.subarray(0, diaeresis + 1),
      whole.subarray(diaeresis + 1, emoji + 2),
      whole.subarray(emoji + 2),
    ];
    const res = await send('/echo', { 'content-type': 'application/json' }, parts);
    expect(res.status).toBe(200);
    expect(res.json.body).toEqual({ name: 'Zoë 🦊 Łukasz' });
  });

  it('reads a chunked body (no Content-Length)', async () => {
    const res = await send('/echo', { 'content-type': 'application/json' }, ['{"a":', '1}']);
    expect(res.status).toBe(200);
    expect(res.json.body).toEqual({ a: 1 });
  });

  it('takes a body of exactly the limit', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(LIMIT - 10) });
    expect(Buffer.byteLength(body)).toBe(LIMIT);
    const res = await post(body);
    expect(res.status).toBe(200);
    expect((res.json.body as { pad: string }).pad).toHaveLength(LIMIT - 10);
  });

  it('treats Content-Encoding: identity as no encoding', async () => {
    const res = await post('{"a":1}', 'application/json', { 'content-encoding': 'identity' });
    expect(res.status).toBe(200);
    expect(res.json.body).toEqual({ a: 1 });
  });
});

describe('jsonBody: empty bodies, BOMs, bodies already read, other types', () => {
  it('gives {} for an empty body with Content-Length: 0', async () => {
    const res = await post('');
    expect(res.status).toBe(200);
    expect(seen.routed).toEqual([{ body: {}, hasBody: true }]);
  });

  it('gives {} for an empty chunked body', async () => {
    const res = await send('/echo', { 'content-type': 'application/json' }, []);
    expect(res.status).toBe(200);
    expect(seen.routed).toEqual([{ body: {}, hasBody: true }]);
  });

  it('regression: a UTF-8 byte-order mark before the JSON is dropped, not a 400', async () => {
    const res = await post(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]),
    );
    expect(res.status).toBe(200);
    expect(res.json.body).toEqual({ a: 1 });
  });

  it('a BOM and nothing else is an empty body: {}', async () => {
    const res = await post(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(res.status).toBe(200);
    expect(res.json.body).toEqual({});
  });

  it('regression: a body already read (req._body) is not read again', async () => {
    const again = await send(
      '/preread',
      { 'content-type': 'application/json', 'content-length': 7 },
      '{"a":1}',
    );
    expect(again.status).toBe(200);
    expect(again.json.body).toEqual({ already: 'read' });
  });

  it('regression: jsonBody twice on one route answers (the second does not wait for a second end)', async () => {
    const res = await send(
      '/twice',
      { 'content-type': 'application/json', 'content-length': 7 },
      '{"a":1}',
    );
    expect(res.status).toBe(200);
    expect(res.json.body).toEqual({ a: 1 });
    // And for a body body-parser read (it sets the same flag).
    const gz = gzipSync('{"b":2}');
    const twice = await send(
      '/twice',
      {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': gz.length,
      },
      gz,
    );
    expect(twice.status).toBe(200);
    expect(twice.json.body).toEqual({ b: 2 });
  });

  // body-parser 2 (Express 5's express.json) no longer sets req._body: it checks whether the
  // request stream has ended. jsonBody once looked only at the flag, so on a body another
  // reader had consumed it waited for an 'end' that had already happened and answered 400
  // "The request was aborted." when the 'close' came.
  it('regression: leaves a body that express.json read alone', async () => {
    const res = await send(
      '/library-first',
      { 'content-type': 'application/json', 'content-length': 7 },
      '{"a":1}',
    );
    expect(res.status).toBe(200);
    expect(res.json.body).toEqual({ a: 1 });
  });

  it('regression: a request stream already read to its end is not waited on again', async () => {
    const res = await send(
      '/consumed',
      { 'content-type': 'application/json', 'content-length': 7 },
      '{"a":1}',
    );
    expect(res.status).toBe(200);
    expect(res.json.body).toBe('<undefined>');
  });

  it('regression: reads a body received whole before it runs (complete, not yet read)', async () => {
    const res = await send(
      '/late',
      { 'content-type': 'application/json', 'content-length': 7 },
      '{"a":1}',
    );
    expect(res.status).toBe(200);
    expect(res.json.body).toEqual({ a: 1 });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', 'text/json'])(
    'leaves req.body undefined for %s (and does not parse it)',
    async (type) => {
      const res = await post('{"a":1}', type);
      expect(res.status).toBe(200);
      expect(seen.routed).toEqual([{ body: undefined, hasBody: false }]);
    },
  );

  it('leaves req.body undefined without a Content-Type', async () => {
    const res = await send('/echo', { 'content-length': 7 }, '{"a":1}');
    expect(res.status).toBe(200);
    expect(seen.routed).toEqual([{ body: undefined, hasBody: false }]);
  });

  it('leaves req.body undefined when there is no body at all (no length, not chunked)', async () => {
    // node:http sends neither header for a POST without a body when told not to chunk.
    const res = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/echo',
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          agent: false,
        },
        (r) => {
          r.resume();
          r.on('end', () => resolve(r.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.useChunkedEncodingByDefault = false;
      req.end();
    });
    expect(res).toBe(200);
    expect(seen.routed).toEqual([{ body: undefined, hasBody: false }]);
  });
});

describe('jsonBody: answers through the error handler', () => {
  it.each(['{"a":', '{a:1}', "{'a':1}", 'undefined', '  ', '{"a":1}}'])(
    '400 invalid_json for %j, and the route does not run',
    async (text) => {
      const res = await post(text);
      expect(res.status).toBe(400);
      expect(res.json.error?.code).toBe('invalid_json');
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(seen.routed).toEqual([]);
    },
  );

  it('400 invalid_json for a chunked body that is not JSON', async () => {
    const res = await send('/echo', { 'content-type': 'application/json' }, ['{"a"', ': nope}']);
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBe('invalid_json');
  });

  it('413 payload_too_large for a Content-Length over the limit, before reading the body', async () => {
    const body = Buffer.alloc(LIMIT + 1, 0x20);
    const res = await post(body);
    expect(res.status).toBe(413);
    expect(res.json.error?.code).toBe('payload_too_large');
    expect(seen.routed).toEqual([]);
  });

  it('413 from the Content-Length alone: the answer comes while the body is still unsent', async () => {
    // Announce a large body, send none of it: the 413 must not wait for the body.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/echo',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': 10 * LIMIT },
          agent: false,
        },
        (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on('error', () => undefined);
      req.flushHeaders();
      setTimeout(() => reject(new Error('no answer before the body was sent')), 5000);
    });
    expect(status).toBe(413);
  });

  it('413 payload_too_large for a chunked body over the limit', async () => {
    const chunks = Array.from({ length: 8 }, () => Buffer.alloc(LIMIT / 2, 0x20));
    const res = await send('/echo', { 'content-type': 'application/json' }, chunks);
    expect(res.status).toBe(413);
    expect(res.json.error?.code).toBe('payload_too_large');
    expect(seen.routed).toEqual([]);
  });

  it('a chunked body one byte over the limit is refused, one at the limit taken', async () => {
    const at = await send('/echo', { 'content-type': 'application/json' }, [
      '"',
      'x'.repeat(LIMIT - 2),
      '"',
    ]);
    expect(at.status).toBe(200);
    const over = await send('/echo', { 'content-type': 'application/json' }, [
      '"',
      'x'.repeat(LIMIT - 1),
      '"',
    ]);
    expect(over.status).toBe(413);
    expect(over.json.error?.code).toBe('payload_too_large');
  });

  it('regression: after a 413 on a kept-alive connection, the next request on it is answered', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const one = (body: Buffer) =>
        new Promise<{ status: number; socket: unknown }>((resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port,
              path: '/echo',
              method: 'POST',
              headers: { 'content-type': 'application/json', 'content-length': body.length },
              agent,
            },
            (r) => {
              r.resume();
              r.on('end', () => resolve({ status: r.statusCode ?? 0, socket: req.socket }));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      const first = await one(Buffer.alloc(2 * LIMIT, 0x20));
      expect(first.status).toBe(413);
      const second = await one(Buffer.from('{"a":1}'));
      expect(second.status).toBe(200);
      expect(second.socket).toBe(first.socket);
    } finally {
      agent.destroy();
    }
  });

  it('a client that goes away mid-body: the route does not run on half a body', async () => {
    await new Promise<void>((resolve) => {
      const req = request({
        host: '127.0.0.1',
        port,
        path: '/echo',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': 100 },
        agent: false,
      });
      req.on('error', () => undefined);
      req.write('{"a":');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
    await expect.poll(() => seen.errors.length, { timeout: 2000 }).toBe(1);
    expect(seen.errors[0]).toMatchObject({ name: 'AppError', code: 'bad_request' });
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.routed).toEqual([]);
  });
});

describe('jsonBody: the rest goes to body-parser', () => {
  it('parses a gzip body', async () => {
    const gz = gzipSync(JSON.stringify({ zipped: 'yes' }));
    const res = await post(gz, 'application/json', { 'content-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.json.body).toEqual({ zipped: 'yes' });
  });

  it('parses a deflate body', async () => {
    const z = deflateSync(JSON.stringify({ deflated: [1, 2] }));
    const res = await post(z, 'application/json', { 'content-encoding': 'deflate' });
    expect(res.status).toBe(200);
    expect(res.json.body).toEqual({ deflated: [1, 2] });
  });

  it('a chunked gzip body too', async () => {
    const gz = gzipSync(JSON.stringify({ chunked: true }));
    const res = await send(
      '/echo',
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      [gz.subarray(0, 5), gz.subarray(5)],
    );
    expect(res.status).toBe(200);
    expect(res.json.body).toEqual({ chunked: true });
  });

  it('regression: the limit is on the inflated size (a small gzip of a big body is a 413)', async () => {
    const big = JSON.stringify({ pad: ' '.repeat(50 * LIMIT) });
    const gz = gzipSync(big);
    expect(gz.length).toBeLessThan(LIMIT);
    const res = await post(gz, 'application/json', { 'content-encoding': 'gzip' });
    expect(res.status).toBe(413);
    expect(res.json.error?.code).toBe('payload_too_large');
  });

  it('400 invalid_json for a gzip body that inflates to something not JSON', async () => {
    const res = await post(gzipSync('{nope'), 'application/json', { 'content-encoding': 'gzip' });
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBe('invalid_json');
  });

  it('415 unsupported_media_type for an encoding body-parser does not know', async () => {
    const res = await post('{"a":1}', 'application/json', { 'content-encoding': 'compress' });
    expect(res.status).toBe(415);
    expect(res.json.error?.code).toBe('unsupported_media_type');
  });

  it.each(['utf-16le', 'UTF-16LE'])('parses a UTF-16 body (charset=%s)', async (charset) => {
    const body = Buffer.from(JSON.stringify({ name: 'Zoë' }), 'utf16le');
    const res = await post(body, `application/json; charset=${charset}`);
    expect(res.status).toBe(200);
    expect(res.json.body).toEqual({ name: 'Zoë' });
  });

  it('415 unsupported_media_type for a charset JSON may not have', async () => {
    const res = await post('{"a":1}', 'application/json; charset=latin1');
    expect(res.status).toBe(415);
    expect(res.json.error?.code).toBe('unsupported_media_type');
  });

  it('parses application/json with another parameter (through body-parser)', async () => {
    const res = await post('{"a":1}', 'application/json; profile="x"');
    expect(res.status).toBe(200);
    expect(res.json.body).toEqual({ a: 1 });
  });

  it('413 for a Content-Length over the limit on the body-parser path too', async () => {
    const res = await post(Buffer.alloc(LIMIT + 1, 0x20), 'application/json; charset=utf-16le');
    expect(res.status).toBe(413);
    expect(res.json.error?.code).toBe('payload_too_large');
  });
});

describe('jsonBody: fetch, as browsers send it', () => {
  it('round-trips a body and answers 400/413 with JSON errors', async () => {
    const ok = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ via: 'fetch' }),
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ body: { via: 'fetch' } });
    const bad = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
    const big = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify('x'.repeat(2 * LIMIT)),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
  });
});
