/**
 * OpenAPI operations for events, import, lint and the non-API pages (calls are in
 * openapi-calls.ts); openapi.ts adds them to OPERATIONS. Bodies are the zod schemas
 * the routes validate with. test/integration/openapi-coverage.test.ts fails on any route of
 * the app that is missing here or in openapi.ts.
 */
import { createEventInput, patchEventInput, patchOccurrenceInput } from '../../core/events.js';
import type { Operation } from './openapi.js';
import { lintJsonInput } from './routes/lint.js';

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
  op('get', '/events/{file}', 'Add-to-calendar download, /events/<id>.ics (public)', false, {
    '200': 'text/calendar, METHOD:PUBLISH',
    '404': 'Unknown',
  }),
];

const eventResponses = { '200': 'The event', '400': 'Invalid input', '404': 'Unknown event' };
export const EVENT_OPERATIONS: Operation[] = [
  op(
    'post',
    '/api/events',
    'Create an event with a call link; queues invites when mail is set up',
    true,
    { '201': 'The event', '400': 'Invalid input', '403': 'Links disabled by policy' },
    { body: createEventInput },
  ),
  op('get', '/api/events/{id}', 'One event', true, { '200': 'The event', '404': 'Unknown' }),
  op('patch', '/api/events/{id}', 'Change an event (SEQUENCE goes up)', true, eventResponses, {
    body: patchEventInput,
  }),
  op('delete', '/api/events/{id}', 'Cancel an event; answers the METHOD:CANCEL', true, {
    '200': 'text/calendar CANCEL',
    '404': 'Unknown',
  }),
  op('get', '/api/events/{id}/invite.ics', 'The current invite (REQUEST or CANCEL)', true, {
    '200': 'text/calendar',
    '404': 'Unknown',
  }),
  op(
    'patch',
    '/api/events/{id}/occurrences/{start}',
    'Change one occurrence of a recurring event',
    true,
    eventResponses,
    { body: patchOccurrenceInput },
  ),
  op('delete', '/api/events/{id}/occurrences/{start}', 'Cancel one occurrence', true, {
    '200': 'text/calendar CANCEL for that occurrence',
    '400': 'Not an occurrence',
    '404': 'Unknown',
  }),
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
  op(
    'post',
    '/api/lint',
    'Lint an invite: text/calendar body, or JSON {ics, previous?, mimeMethod?}',
    true,
    { '200': 'The lint report', '400': 'Invalid input', '415': 'Unsupported media type' },
    { body: lintJsonInput },
  ),
];
