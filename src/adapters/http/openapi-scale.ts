/**
 * OpenAPI operations for running several instances: readiness for load balancers and the
 * outbox's dead letters. openapi.ts adds them to OPERATIONS.
 */
import type { Operation } from './openapi.js';

export const SCALE_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/readyz',
    summary:
      'Ready to admit people into calls (store and media server up): what a load balancer drains on',
    auth: false,
    responses: { '200': 'Ready', '503': 'The store or the media server is unreachable' },
  },
  {
    method: 'get',
    path: '/api/outbox',
    summary: 'How much mail is still waiting to go out (admins)',
    auth: true,
    responses: { '200': '{"pending"}', '403': 'Not an admin' },
  },
  {
    method: 'get',
    path: '/api/outbox/dead',
    summary: 'Mail refused for good by the SMTP server, with the reason; ?limit=1..1000 (admins)',
    auth: true,
    responses: { '200': '{"mails":[…]}', '400': 'Bad query', '403': 'Not an admin' },
  },
];
