/**
 * Every route the Express app answers is in the OpenAPI document: walks the app's router
 * stack (Express 5 / router@2: layer.rawPath is the mount path, layer.route the route,
 * layer.handle.stack a nested router) and compares with /api/openapi.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/adapters/http/app.js';
import { buildOpenApi, OPERATIONS } from '../../src/adapters/http/openapi.js';
import { startTestApp } from '../support/app.js';

interface Layer {
  rawPath?: string;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function routesOf(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      return paths.flatMap((p) =>
        Object.keys(layer.route!.methods)
          .filter((m) => m !== '_all')
          .map((m) => `${m} ${(prefix + p).replace(/:(\w+)/g, '{$1}')}`),
      );
    }
    if (layer.handle?.stack) {
      const mount = layer.rawPath && layer.rawPath !== '/' ? layer.rawPath : '';
      return routesOf(layer.handle.stack, prefix + mount);
    }
    return [];
  });
}

describe('OpenAPI coverage', () => {
  it('documents every route of the app, and nothing that does not exist', async () => {
    const web = mkdtempSync(join(tmpdir(), 'callink-web-'));
    const test = await startTestApp();
    try {
      // The web build adds /assets; build an app with it so that route is walked too.
      const app = createApp(test.deps, { webDir: web });
      const routes = new Set(
        routesOf((app as unknown as { router: { stack: Layer[] } }).router.stack),
      );
      expect(routes.size).toBeGreaterThan(30);
      const doc = buildOpenApi({ publicUrl: 'http://x', version: '0' }) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const documented = new Set(
        Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)),
      );
      const missing = [...routes].filter((r) => !documented.has(r)).sort();
      const phantom = [...documented].filter((r) => !routes.has(r)).sort();
      expect(missing, 'routes missing from the OpenAPI document').toEqual([]);
      expect(phantom, 'documented routes the app does not have').toEqual([]);
    } finally {
      await test.close();
      rmSync(web, { recursive: true, force: true });
    }
  });

  it('documents each operation once (a later entry would silently replace an earlier one)', () => {
    const keys = OPERATIONS.map((o) => `${o.method} ${o.path}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('gives the JSON bodies their zod schemas', () => {
    const doc = buildOpenApi({ publicUrl: 'http://x', version: '0' }) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
    };
    for (const [path, method] of [
      ['/api/links/{id}/join', 'post'],
      ['/api/links/{id}/participants/{identity}/mute', 'post'],
      ['/api/events', 'post'],
      ['/api/events/{id}', 'patch'],
      ['/api/events/{id}/occurrences/{start}', 'patch'],
      ['/api/teams', 'post'],
    ] as const) {
      expect(doc.paths[path]?.[method]?.requestBody?.content, `${method} ${path}`).toHaveProperty([
        'application/json',
        'schema',
        'type',
      ]);
    }
  });
});
