import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document without auth, with the link schema from zod', async () => {
    const res = await fetch(`${app.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    const create = doc.paths['/api/links']?.post;
    expect(create?.requestBody?.content['application/json']?.schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: { maxParticipants: { type: 'integer', minimum: 1, maximum: 100 } },
    });
  });

  it('documents every route the server answers', async () => {
    const doc = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as {
      paths: Record<string, object>;
    };
    for (const path of [
      '/healthz',
      '/api/links',
      '/api/links/{id}',
      '/api/policy',
      '/api/keys',
      '/api/keys/{id}',
      '/api/audit',
      '/api/me',
    ])
      expect(doc.paths).toHaveProperty([path]);
  });
});
