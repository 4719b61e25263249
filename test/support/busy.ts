/** A Playwright route handler standing in for a server too busy to answer, for a while. */
import type { Route } from 'playwright-core';

/**
 * Answers the first `times` requests 503 `unavailable`; the rest go through to the real server.
 * `count` is how many it refused, `seen` how many it saw.
 */
export function refuse(times: number) {
  let refused = 0;
  let seen = 0;
  return {
    count: () => refused,
    seen: () => seen,
    handler: async (route: Route) => {
      seen++;
      if (refused >= times) return route.continue();
      refused++;
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'unavailable', message: 'Lookup timed out.' } }),
      });
    },
  };
}
