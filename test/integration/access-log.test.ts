/**
 * The access log (access-log.ts, in place of pino-http): one line per request once it is
 * answered, with the request id, method, the path's shape (ids redacted), status and time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

interface Line {
  level: number;
  msg: string;
  reqId: string;
  req: { id: string; method: string; url: string };
  res: { statusCode: number };
  responseTime: number;
}

const lines = (): Line[] =>
  app
    .logs()
    .split('\n')
    .filter((l) => l.includes('"req":'))
    .map((l) => JSON.parse(l) as Line);

describe('the access log', () => {
  it('writes one line per request, with its id, method, redacted path, status and time', async () => {
    const before = lines().length;
    const id = 'r'.repeat(28);
    const join = await fetch(`${app.url}/api/links/${id}/join?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'probe-1' },
      body: JSON.stringify({ name: 'Ann' }),
    });
    await join.text();
    const health = await fetch(`${app.url}/healthz`);
    await health.text();
    // A line is written once its response is done, which can be just after the client read it.
    for (let i = 0; i < 100 && lines().length < before + 2; i++) {
      await new Promise((r) => setImmediate(r));
    }
    const mine = lines().slice(before);
    expect(mine).toHaveLength(2);
    const [first, second] = mine as [Line, Line];
    expect(first).toMatchObject({
      level: 30,
      msg: 'request completed',
      reqId: 'probe-1',
      req: { id: 'probe-1', method: 'POST', url: '/api/links/[redacted]/join?[query]' },
      res: { statusCode: join.status },
    });
    expect(join.headers.get('x-request-id')).toBe('probe-1');
    expect(first.responseTime).toBeGreaterThanOrEqual(0);
    expect(second).toMatchObject({ req: { method: 'GET', url: '/healthz' } });
    expect(second.req.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(app.logs()).not.toContain(id);
  });
});
