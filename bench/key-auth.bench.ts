/**
 * What named keys and the stored policy cost per request. A named key is looked up in the
 * store on every request (so revoking applies at once) and link creation reads the policy
 * row; the baseline is the admin token, which needs no lookup. SQLite.
 */
import autocannon from 'autocannon';
import { startTestApp, TEST_TOKEN } from '../test/support/app.js';
import type { BenchResult } from './types.js';

async function perSecond(url: string, token: string, method: 'GET' | 'POST'): Promise<number> {
  const result = await autocannon({
    url: `${url}/api/${method === 'GET' ? 'me' : 'links'}`,
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(method === 'POST' ? { body: JSON.stringify({ title: 'bench' }) } : {}),
    connections: 16,
    duration: 4,
  });
  if (result.non2xx > 0) throw new Error(`${result.non2xx} failed requests`);
  return result.requests.average;
}

export default async function (): Promise<BenchResult[]> {
  const app = await startTestApp();
  try {
    const made = await app.api('/api/keys', {
      method: 'POST',
      json: { name: 'bench', role: 'organizer' },
    });
    const { key } = (await made.json()) as { key: string };
    const adminGet = await perSecond(app.url, TEST_TOKEN, 'GET');
    const keyGet = await perSecond(app.url, key, 'GET');
    const adminPost = await perSecond(app.url, TEST_TOKEN, 'POST');
    const keyPost = await perSecond(app.url, key, 'POST');
    return [
      {
        name: 'GET /api/me with a named key (baseline: admin token; higher is better)',
        value: keyGet,
        unit: 'req/s',
        baseline: adminGet,
        ratio: keyGet / adminGet,
      },
      {
        name: 'POST /api/links with a named key (baseline: admin token; higher is better)',
        value: keyPost,
        unit: 'req/s',
        baseline: adminPost,
        ratio: keyPost / adminPost,
      },
    ];
  } finally {
    await app.close();
  }
}
