/**
 * The OpenAPI 3.1 document at /api/openapi.json, generated from the same zod schemas the
 * routes validate with, so the document cannot drift from what the server accepts.
 * Each route file that takes a JSON body registers it in OPERATIONS.
 */
import { z } from 'zod';
import { policySchema } from '../../core/policy.js';
import { createKeyInput } from '../../core/usecases/keys.js';
import { createLinkInput } from '../../core/usecases/links.js';
import { CALL_OPERATIONS } from './openapi-calls.js';
import { EVENT_OPERATIONS } from './openapi-events.js';
import { IMPORT_OPERATIONS, PAGE_OPERATIONS } from './openapi-operations.js';
import { ORGANIZER_OPERATIONS } from './openapi-organizer.js';
import { SCALE_OPERATIONS } from './openapi-scale.js';
import { RSVP_OPERATIONS } from './openapi-rsvp.js';

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  /** Bearer token required (admin or organizer key). */
  auth: boolean;
  body?: z.ZodType;
  /** Media type of a non-JSON body (e.g. text/calendar). */
  bodyType?: string;
  responses: Record<string, string>;
}

const linkView = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string().nullable(),
  lobby: z.boolean(),
  e2ee: z.boolean(),
  e2eeMode: z.enum(['exchange', 'passphrase']).nullable(),
  maxParticipants: z.number().int(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/healthz',
    summary: 'Health of the service, its store and the media server',
    auth: false,
    responses: { '200': 'Healthy', '503': 'The store is unreachable' },
  },
  {
    method: 'post',
    path: '/api/links',
    summary: 'Create a call link',
    auth: true,
    body: createLinkInput,
    responses: { '201': 'The link', '400': 'Invalid input', '403': 'Links are disabled by policy' },
  },
  {
    method: 'get',
    path: '/api/links',
    summary: 'List call links',
    auth: true,
    responses: { '200': 'Links' },
  },
  {
    method: 'get',
    path: '/api/links/{id}',
    summary: 'One call link',
    auth: true,
    responses: { '200': 'The link', '400': 'Incomplete or mistyped id', '404': 'Unknown' },
  },
  {
    method: 'delete',
    path: '/api/links/{id}',
    summary: 'Revoke a call link for good',
    auth: true,
    responses: { '204': 'Revoked', '404': 'Unknown' },
  },
  {
    method: 'get',
    path: '/api/me',
    summary: 'Who the bearer token belongs to (admin token or a named key, and its role)',
    auth: true,
    responses: { '200': 'The caller' },
  },
  {
    method: 'get',
    path: '/api/policy',
    summary: "The organization's policy (admins)",
    auth: true,
    responses: { '200': 'The policy', '403': 'Not an admin' },
  },
  {
    method: 'put',
    path: '/api/policy',
    summary: 'Replace the whole policy, or refuse it whole (admins; audited)',
    auth: true,
    body: policySchema,
    responses: {
      '200': 'The policy now in force',
      '400': 'Refused, every field problem listed',
      '403': 'Not an admin',
    },
  },
  {
    method: 'post',
    path: '/api/keys',
    summary: 'Create a named key with a role; the key is shown once (admins; audited)',
    auth: true,
    body: createKeyInput,
    responses: { '201': 'The key, shown once', '400': 'Invalid input', '403': 'Not an admin' },
  },
  {
    method: 'get',
    path: '/api/keys',
    summary: 'List keys, never their secrets (admins)',
    auth: true,
    responses: { '200': 'Keys', '403': 'Not an admin' },
  },
  {
    method: 'delete',
    path: '/api/keys/{id}',
    summary: 'Revoke a key for good (admins; audited)',
    auth: true,
    responses: { '204': 'Revoked', '403': 'Not an admin', '404': 'Unknown' },
  },
  {
    method: 'get',
    path: '/api/audit',
    summary: 'Policy and key changes, newest first; ?limit=1..1000&before=<id> (admins)',
    auth: true,
    responses: { '200': 'Entries', '400': 'Bad query', '403': 'Not an admin' },
  },
  ...CALL_OPERATIONS,
  ...EVENT_OPERATIONS,
  ...ORGANIZER_OPERATIONS,
  ...IMPORT_OPERATIONS,
  ...PAGE_OPERATIONS,
  ...SCALE_OPERATIONS,
  ...RSVP_OPERATIONS,
];

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
};

function schemaOf(type: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(type, { io: 'input', unrepresentable: 'any' });
  return rest;
}

export function buildOpenApi(options: {
  publicUrl: string;
  version: string;
}): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const responses = Object.fromEntries(
      Object.entries(op.responses).map(([status, description]) => [
        status,
        Number(status) >= 400
          ? {
              description,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            }
          : { description },
      ]),
    );
    if (op.auth) responses['401'] = { description: 'Missing or wrong bearer token' };
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      ...(params.length ? { parameters: params } : {}),
      ...(op.auth ? { security: [{ bearer: [] }] } : { security: [] }),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { [op.bodyType ?? 'application/json']: { schema: schemaOf(op.body) } },
            },
          }
        : op.bodyType
          ? {
              requestBody: {
                required: true,
                content: { [op.bodyType]: { schema: { type: 'string' } } },
              },
            }
          : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'callink',
      version: options.version,
      description: 'Self-hosted meeting links for any calendar.',
    },
    servers: [{ url: options.publicUrl }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: errorSchema, Link: schemaOf(linkView) },
    },
    paths,
  };
}
