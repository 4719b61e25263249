/**
 * OpenAPI entries for joining calls, the lobby, host controls and attendance.
 */
import type { Operation } from './openapi.js';
import { muteInput } from './routes/host.js';
import { joinInput } from './routes/join.js';

const hostAuth = 'Bearer token, or X-Host-Key with a host key of this link';
const host = (
  method: Operation['method'],
  path: string,
  summary: string,
  ok: Record<string, string>,
): Operation => ({
  method,
  path,
  summary: `${summary} (${hostAuth})`,
  auth: false,
  responses: { ...ok, '401': 'Not a host', '403': 'Wrong host key', '404': 'Unknown' },
});

export const CALL_OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/api/links/{id}/join',
    summary:
      'Join a call: a LiveKit token for the link’s room, or a lobby ticket (no bearer; rate limited)',
    auth: false,
    body: joinInput,
    responses: {
      '200': '{token, livekitUrl, room, identity, host, iceServers?}',
      '202': '{status: "waiting", ticket} for a lobby link',
      '400': 'Invalid name, or incomplete link id',
      '403': 'Wrong host key',
      '404': 'Unknown link',
      '409': 'call_full',
      '410': 'Link revoked',
      '429': 'Rate limited',
      '503': 'The media server is unavailable',
    },
  },
  {
    method: 'post',
    path: '/api/links/{id}/preflight',
    summary: 'A token for a throwaway one-person room, for a network check (no bearer)',
    auth: false,
    responses: { '200': '{token, livekitUrl, room, iceServers?}', '429': 'Rate limited' },
  },
  {
    method: 'get',
    path: '/api/lobby/{ticket}',
    summary: 'Wait in the lobby (?wait=SECONDS long poll, at most 25)',
    auth: false,
    responses: {
      '200': '{status: waiting|admitted|denied|expired, …join fields when admitted}',
      '404': 'Unknown ticket',
      '409': 'Admitted, but the call is full',
    },
  },
  {
    method: 'post',
    path: '/api/links/{id}/host-key',
    summary: 'A new host key for co-hosts; only its hash is kept',
    auth: true,
    responses: {
      '201': '{id, hostKey, hostUrl, expiresAt} (expires after CALLINK_HOST_KEY_TTL_DAYS)',
    },
  },
  {
    method: 'get',
    path: '/api/links/{id}/host-keys',
    summary: "The link's host keys (id, createdAt, expiresAt, revokedAt, active), never the keys",
    auth: true,
    responses: { '200': '{hostKeys: [...]}' },
  },
  {
    method: 'delete',
    path: '/api/links/{id}/host-keys/{keyId}',
    summary: 'Revoke a host key: it stops working at once (audited)',
    auth: true,
    responses: { '204': 'Revoked', '404': 'No such active host key' },
  },
  {
    method: 'get',
    path: '/api/links/{id}/attendance',
    summary: 'Who joined the call, when and for how long (?from=&to= ISO date-times)',
    auth: true,
    responses: { '200': '{linkId, attendance: [...]}' },
  },
  {
    method: 'get',
    path: '/api/events/{id}/attendance',
    summary:
      'Attendance per occurrence of an event (?from=&to=, default the last 90 days); sessions count for the occurrence they overlap, ±30 min',
    auth: true,
    responses: {
      '200': '{eventId, linkId, occurrences: [{recurrenceId, start, end, attendance}]}',
    },
  },
  host('get', '/api/links/{id}/lobby', 'Guests waiting in the lobby', { '200': '{waiting}' }),
  host('post', '/api/links/{id}/lobby/{ticket}/admit', 'Admit a guest', { '204': 'Admitted' }),
  host('post', '/api/links/{id}/lobby/{ticket}/deny', 'Deny a guest', { '204': 'Denied' }),
  host('get', '/api/links/{id}/participants', 'People in the call', {
    '200': '{participants}',
  }),
  host('post', '/api/links/{id}/participants/{identity}/remove', 'Remove someone', {
    '204': 'Removed',
  }),
  {
    ...host('post', '/api/links/{id}/participants/{identity}/mute', 'Mute someone', {
      '204': 'Muted',
    }),
    body: muteInput,
  },
  host('post', '/api/links/{id}/end', 'End the call for everyone', { '204': 'Ended' }),
  {
    method: 'post',
    path: '/livekit/webhook',
    summary: 'LiveKit webhooks (signed with the LiveKit API key)',
    auth: false,
    bodyType: 'application/webhook+json',
    responses: { '200': 'Recorded', '401': 'Bad signature' },
  },
];
