/**
 * Issue 14, item 4: the join page was filled with String.replace and replacement strings, so a
 * title with `$'`, `` $` `` or `$&` pulled parts of the template into the page and the data
 * block broke: the page stuck on "checking". Imported SUMMARYs become titles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { webAppOptions } from '../support/web.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ appOptions: webAppOptions() });
});
afterAll(() => app.close());

describe('join page titles', () => {
  it.each(["Q3 $' review", 'Costs $` and $& more', "$$ and $1 $<x> $'"])(
    'a title with %s renders as typed and keeps the data block intact',
    async (title) => {
      const res = await app.api('/api/links', { method: 'POST', json: { title } });
      const { id } = (await res.json()) as { id: string };
      const html = await (await fetch(`${app.url}/j/${id}`)).text();
      const m = html.match(/<script type="application\/json" id="callink-data">(.*?)<\/script>/s);
      expect(m?.[1]).toBeDefined();
      expect((JSON.parse(m?.[1] ?? '{}') as { title: string }).title).toBe(title);
      const shown = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
      const decoded = shown
        .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
      expect(decoded).toBe(`${title} · callink`);
      expect(html.match(/<html/g)).toHaveLength(1);
    },
  );
});
