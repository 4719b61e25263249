import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FeedCache } from '../../src/adapters/http/feed-cache.js';

describe('feed cache', () => {
  it('builds once for concurrent requests of one version and again for a new version', async () => {
    const cache = new FeedCache();
    let n = 0;
    const build = async () => `body ${++n}`;
    const [a, b] = await Promise.all([
      cache.get('t', '"v1"', build),
      cache.get('t', '"v1"', build),
    ]);
    expect(a).toBe(b);
    expect(cache.builds).toBe(1);
    expect((await cache.get('t', '"v2"', build)).body.toString()).toBe('body 2');
    expect(gunzipSync(await FeedCache.encoded(a, 'gzip')).toString()).toBe('body 1');
  });

  it('evicts the oldest teams to stay within its byte budget', async () => {
    const cache = new FeedCache(25);
    const ten = async () => 'x'.repeat(10);
    await cache.get('a', '"1"', ten);
    await cache.get('b', '"1"', ten);
    await cache.get('c', '"1"', ten); // 30 bytes > 25: a goes
    await cache.get('b', '"1"', ten);
    await cache.get('c', '"1"', ten);
    expect(cache.builds).toBe(3);
    await cache.get('a', '"1"', ten);
    expect(cache.builds).toBe(4);
  });
});
