/**
 * OpenAPI operations for calendar import and the non-API pages (calls are in
 * openapi-calls.ts, events, teams, feeds and lint in openapi-events.ts); openapi.ts adds them
 * to OPERATIONS. test/integration/openapi-coverage.test.ts fails on any route of the app
 * that no file documents.
 */
import type { Operation } from './openapi.js';

const op = (
  method: Operation['method'],
  path: string,
  summary: string,
  auth: boolean,
  responses: Record<string, string>,
  extra: Partial<Operation> = {},
): Operation => ({ method, path, summary, auth, responses, ...extra });

export const PAGE_OPERATIONS: Operation[] = [
  op('get', '/', 'The organizer page (HTML)', false, { '200': 'The page' }),
  op('get', '/metrics', 'Prometheus metrics', false, { '200': 'Metrics, text format' }),
  op('get', '/api/openapi.json', 'This document', false, { '200': 'OpenAPI 3.1' }),
  op('get', '/j/{id}', 'The join page of a call link (HTML, for people)', false, {
    '200': 'The page',
    '403': 'Calls disabled by policy',
    '404': 'Unknown or revoked link',
    '429': 'Too many page loads',
  }),
  op('get', '/assets/{file}', 'Static assets of the web pages', false, {
    '200': 'The file',
    '404': 'Unknown',
  }),
  op(
    'get',
    '/assets/{dir}/{file}',
    'Versioned asset folders of the web pages (background blur: wasm and models)',
    false,
    { '200': 'The file', '404': 'Unknown' },
  ),
];

export const IMPORT_OPERATIONS: Operation[] = [
  op(
    'post',
    '/api/import',
    'A calendar in, the same calendar out with call links; ?mode=missing|all&future&attendees&summary&dryRun',
    true,
    {
      '200': 'text/calendar (or JSON summary with dryRun)',
      '400': 'Invalid calendar, naming the line',
      '413': 'Too large or too many events',
      '415': 'Not text/calendar in UTF-8',
    },
    { bodyType: 'text/calendar' },
  ),
];
