/**
 * OpenAPI operations for calls (join, lobby, host controls, attendance), events, import,
 * lint and the non-API pages; openapi.ts adds them to OPERATIONS. Bodies are the zod schemas
 * the routes validate with. test/integration/openapi-coverage.test.ts fails on any route of
 * the app that is missing here or in openapi.ts.
 */
import { createEventInput, patchEventInput, patchOccurrenceInput } from '../../core/events.js';
import type { Operation } from './openapi.js';
import { muteInput } from './routes/host.js';
import { joinInput } from './routes/join.js';
import { lintJsonInput } from './routes/lint.js';

const op = (
  method: Operation['method'],
  path: string,
  summary: string,
  auth: boolean,
  responses: Record<string, string>,
  extra: Partial<Operation> = {},
): Operation => ({ method, path, summary, auth, responses, ...extra });

const HOST = ' (organizer bearer token, or X-Host-Key)';

export const PAGE_OPERATIONS: Operation[] = [
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
  op(
    'post',
    '/livekit/webhook',
    'LiveKit webhooks (signed by the media server; forged ones are refused)',
    false,
    { '204': 'Recorded', '401': 'Bad or missing signature', '404': 'No media server' },
    { bodyType: 'application/webhook+json' },
  ),
];

export const CALL_OPERATIONS: Operation[] = [
  op(
    'post',
    '/api/links/{id}/join',
    'Join a call: a LiveKit token, or a lobby ticket to wait with (public, rate limited)',
    false,
    {
      '200': 'Token, room and media server URL',
      '202': 'Waiting in the lobby: ticket and expiry',
      '400': 'Invalid input',
      '403': 'Wrong host key, or calls disabled',
      '404': 'Unknown or revoked link',
      '409': 'The call is full',
      '429': 'Too many joins',
      '503': 'The media server is unreachable',
    },
    { body: joinInput },
  ),
  op('post', '/api/links/{id}/preflight', 'What a join would answer, without joining', false, {
    '200': 'Verdict',
    '404': 'Unknown or revoked link',
    '429': 'Too many requests',
  }),
  op('get', '/api/lobby/{ticket}', 'Poll a lobby ticket; ?wait=seconds long-polls', false, {
    '200': 'waiting, denied, expired, or admitted with a token',
    '404': 'Unknown ticket',
    '429': 'Too many polls',
  }),
  op('get', '/api/links/{id}/lobby', `Guests waiting in the lobby${HOST}`, false, {
    '200': 'Waiting guests',
    '401': 'Not a host',
    '403': 'Wrong host key',
  }),
  ...(['admit', 'deny'] as const).map((a) =>
    op('post', `/api/links/{id}/lobby/{ticket}/${a}`, `${a} a waiting guest${HOST}`, false, {
      '204': 'Done',
      '401': 'Not a host',
      '404': 'Unknown ticket',
      '409': 'Already decided otherwise, or expired',
    }),
  ),
  op('get', '/api/links/{id}/participants', `People in the call${HOST}`, false, {
    '200': 'Participants',
    '401': 'Not a host',
    '503': 'The media server is unreachable',
  }),
  op('post', '/api/links/{id}/participants/{identity}/remove', `Remove someone${HOST}`, false, {
    '204': 'Removed',
    '401': 'Not a host',
    '404': 'Nobody with this identity',
    '503': 'The media server is unreachable',
  }),
  op(
    'post',
    '/api/links/{id}/participants/{identity}/mute',
    `Mute someone's audio or video${HOST}`,
    false,
    {
      '204': 'Muted',
      '400': 'Invalid input',
      '401': 'Not a host',
      '404': 'Nobody with this identity',
      '503': 'The media server is unreachable',
    },
    { body: muteInput },
  ),
  op('post', '/api/links/{id}/end', `End the call for everyone${HOST}`, false, {
    '204': 'Ended',
    '401': 'Not a host',
    '503': 'The media server is unreachable',
  }),
  op('post', '/api/links/{id}/host-key', 'Create a host key for co-hosts (shown once)', true, {
    '201': 'The host key and host URL',
    '404': 'Unknown or revoked link',
  }),
  op('get', '/api/links/{id}/attendance', 'Who was in the call; ?from&to ISO times', true, {
    '200': 'Attendance records',
    '400': 'Bad date',
    '404': 'Unknown link',
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
