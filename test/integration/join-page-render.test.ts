import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJoinPageRenderer, DEFAULT_WEB_DIR } from '../../src/adapters/http/web-build.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { webAppOptions } from '../support/web.js';

let app: TestApp;
let linksEnabled = true;

beforeAll(async () => {
  app = await startTestApp({
    appOptions: webAppOptions(),
    overrides: {
      policy: async () => ({
        ...DEFAULT_POLICY,
        linksEnabled,
        allowedBrowsers: ['chrome', 'firefox'],
      }),
    },
  });
});
afterAll(() => app.close());

async function createLink(body: Record<string, unknown> = {}): Promise<{ id: string }> {
  const res = await app.api('/api/links', { method: 'POST', json: body });
  return (await res.json()) as { id: string };
}

function dataOf(html: string): Record<string, unknown> {
  const m = html.match(/<script type="application\/json" id="callink-data">(.*?)<\/script>/s);
  if (!m?.[1]) throw new Error('no data block');
  return JSON.parse(m[1]) as Record<string, unknown>;
}

describe('the join page HTML', () => {
  it("carries the link's public facts and the organization's browsers in a JSON data block", async () => {
    const link = await createLink({ title: 'Weekly sync', lobby: true, e2ee: true });
    const html = await (await fetch(`${app.url}/j/${link.id}`)).text();
    expect(dataOf(html)).toMatchObject({
      linkId: link.id,
      title: 'Weekly sync',
      lobby: true,
      e2ee: true,
      e2eeMode: 'exchange',
      linksEnabled: true,
      allowedBrowsers: ['chrome', 'firefox'],
      lang: 'en',
    });
    expect(html).toContain('<title>Weekly sync · callink</title>');
    expect(html).toContain('data-state="checking"');
  });

  it('has no inline executable script (ready for a strict CSP)', async () => {
    const link = await createLink();
    const html = await (await fetch(`${app.url}/j/${link.id}`)).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const [, attrs = '', body = ''] of scripts) {
      const isData = attrs.includes('type="application/json"');
      expect(isData || (attrs.includes('src=') && body.trim() === '')).toBe(true);
    }
  });

  it('keeps a hostile title inert in both the HTML and the data block', async () => {
    const title = '</script><script>alert(1)</script><b>x</b>';
    const link = await createLink({ title });
    const html = await (await fetch(`${app.url}/j/${link.id}`)).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<b>x</b>');
    expect(dataOf(html).title).toBe(title);
  });

  it('speaks German to a German Accept-Language, English to a language it does not have', async () => {
    const link = await createLink();
    const de = await fetch(`${app.url}/j/${link.id}`, {
      headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' },
    });
    const html = await de.text();
    expect(html).toContain('<html lang="de">');
    expect((dataOf(html).strings as Record<string, string>).name_label).toBe('Ihr Name');
    const fr = await (
      await fetch(`${app.url}/j/${link.id}`, { headers: { 'accept-language': 'fr' } })
    ).text();
    expect((dataOf(fr).strings as Record<string, string>).name_label).toBe('Votre nom');
    const fi = await (
      await fetch(`${app.url}/j/${link.id}`, { headers: { 'accept-language': 'fi' } })
    ).text();
    expect((dataOf(fi).strings as Record<string, string>).name_label).toBe('Your name');
  });

  it('regression: a malformed language cookie (%E0) is ignored, not a 500', async () => {
    const link = await createLink();
    for (const path of [`/j/${link.id}`, '/', '/nothing-here']) {
      const res = await fetch(`${app.url}${path}`, {
        headers: { cookie: 'callink_lang=%E0%A4%A; other=1', 'accept-language': 'de' },
      });
      expect(res.status, path).toBeLessThan(500);
      expect(await res.text(), path).toContain('<html lang="de">');
    }
  });

  it('regression: a language named like an object key (constructor, __proto__, toString) drew no catalogue; now English', async () => {
    const link = await createLink();
    for (const path of [`/j/${link.id}`, '/', '/nothing-here']) {
      for (const headers of <Record<string, string>[]>[
        { 'accept-language': 'constructor' },
        { 'accept-language': '__proto__, toString;q=0.5' },
        { cookie: 'callink_lang=constructor' },
        { cookie: 'callink_lang=__proto__' },
      ]) {
        const res = await fetch(`${app.url}${path}`, { headers });
        const html = await res.text();
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBeLessThan(500);
        expect(html, `${path} ${JSON.stringify(headers)}`).toContain('<html lang="en">');
      }
      const asked = await fetch(`${app.url}${path}?lang=hasOwnProperty`);
      expect(asked.status, path).toBeLessThan(500);
      expect(await asked.text(), path).toContain('<html lang="en">');
    }
    const data = dataOf(
      await (
        await fetch(`${app.url}/j/${link.id}`, { headers: { cookie: 'callink_lang=constructor' } })
      ).text(),
    );
    expect((data.strings as Record<string, string>).name_label).toBe('Your name');
  });

  it('draws the language just picked (?lang=) over the cookie and Accept-Language, and remembers nothing by it', async () => {
    const link = await createLink();
    for (const path of [`/j/${link.id}`, '/']) {
      const res = await fetch(`${app.url}${path}?lang=DE`, {
        headers: { cookie: 'callink_lang=fr', 'accept-language': 'es' },
      });
      expect(await res.text(), path).toContain('<html lang="de">');
      // The pick is the switcher's own cookie's job: a shared address sets nothing.
      expect(res.headers.get('set-cookie'), path).toBeNull();
      // A language callink does not have is no pick: the cookie's stands.
      const other = await fetch(`${app.url}${path}?lang=fi`, {
        headers: { cookie: 'callink_lang=fr' },
      });
      expect(await other.text(), path).toContain('<html lang="fr">');
    }
  });

  it('passes the disabled policy to the page, with status 403', async () => {
    const link = await createLink();
    linksEnabled = false;
    try {
      const res = await fetch(`${app.url}/j/${link.id}`);
      expect(res.status).toBe(403);
      expect(dataOf(await res.text()).linksEnabled).toBe(false);
    } finally {
      linksEnabled = true;
    }
  });

  it('sends the page gzipped to browsers that accept it', async () => {
    const link = await createLink();
    const res = await fetch(`${app.url}/j/${link.id}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('the built assets', () => {
  const assets = readdirSync(join(DEFAULT_WEB_DIR, 'assets'));
  const entry = assets.find((f) => /^join-.*\.js$/.test(f)) as string;

  it('serves hashed files gzipped with a one-year immutable cache', async () => {
    const res = await fetch(`${app.url}/assets/${entry}`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    const raw = Buffer.from(await res.arrayBuffer());
    // fetch decodes gzip itself; the body must be the script either way.
    const text = raw[0] === 0x1f ? gunzipSync(raw).toString() : raw.toString();
    expect(text.length).toBeGreaterThan(1000);
  });

  it('keeps the entry small: the check script is far below 25 KB gzip', async () => {
    const res = await fetch(`${app.url}/assets/${entry}.gz`);
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBeLessThan(25_000);
  });

  it('answers 404 for an unknown asset', async () => {
    expect((await fetch(`${app.url}/assets/nope-123.js`)).status).toBe(404);
  });

  it("serves background blur's WebAssembly and model from its own versioned folder, gzipped and cached", async () => {
    const folder = assets.find((f) => f.startsWith('virtual-background-'));
    expect(folder, 'the build copies the blur files (scripts/vite-blur-assets.ts)').toBeDefined();
    for (const [file, type] of [
      ['selfie_segmentation_solution_simd_wasm_bin.wasm', 'application/wasm'],
      ['selfie_segmentation_landscape.tflite', 'application/octet-stream'],
      ['selfie_segmentation.binarypb', 'application/octet-stream'],
    ] as const) {
      const res = await fetch(`${app.url}/assets/${folder}/${file}`, {
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).toBe(type);
      expect(res.headers.get('content-encoding'), file).toBe('gzip');
      expect(res.headers.get('cache-control'), file).toMatch(/max-age=31536000.*immutable/);
    }
    // Without gzip the plain file, with the type WebAssembly.instantiateStreaming needs.
    const plain = await fetch(
      `${app.url}/assets/${folder}/selfie_segmentation_solution_wasm_bin.wasm`,
    );
    expect(plain.headers.get('content-type')).toBe('application/wasm');
    expect(Buffer.from(await plain.arrayBuffer()).subarray(0, 4)).toEqual(
      Buffer.from([0, 0x61, 0x73, 0x6d]),
    );
  });

  it('refuses a blur asset path that climbs out of the assets folder', async () => {
    const res = await fetch(`${app.url}/assets/..%2F..%2Fpackage.json/x.wasm`);
    expect(res.status).toBe(404);
  });
});

describe('without a build', () => {
  it('answers a readable 503 page naming the fix, not a blank page', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'callink-noweb-'));
    const bare = await startTestApp({
      appOptions: { renderJoinPage: createJoinPageRenderer(empty) },
    });
    try {
      const res = await bare.api('/api/links', { method: 'POST', json: {} });
      const { id } = (await res.json()) as { id: string };
      const page = await fetch(`${bare.url}/j/${id}`);
      expect(page.status).toBe(503);
      expect(await page.text()).toMatch(/not available/);
      expect(bare.logs()).toContain('npm run build:web');
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
