/**
 * OpenAPI operations for invitees: personal links, RSVPs (mail buttons, REPLYs read over IMAP),
 * the attendance report, link schedules and the mailbox's status.
 */
import { scheduleInput } from '../../core/link-schedule.js';
import type { Operation } from './openapi.js';

const op = (
  method: Operation['method'],
  path: string,
  summary: string,
  auth: boolean,
  responses: Record<string, string>,
  extra: Partial<Operation> = {},
): Operation => ({ method, path, summary, auth, responses, ...extra });

export const RSVP_OPERATIONS: Operation[] = [
  op(
    'get',
    '/rsvp/{token}',
    'Answer page of an invite mail’s Yes / Maybe / No button (?answer=yes|maybe|no); only asks, records nothing (HTML)',
    false,
    { '200': 'The confirmation page', '404': 'Unknown, cut or revoked answer link' },
  ),
  op(
    'post',
    '/rsvp/{token}',
    'Records the answer (form: answer=yes|maybe|no, occurrence?); the same answer twice changes nothing',
    false,
    { '200': 'Answered (HTML)', '400': 'No valid answer', '404': 'Unknown, cut or revoked link' },
    { bodyType: 'application/x-www-form-urlencoded' },
  ),
  op(
    'get',
    '/api/events/{id}/occurrences/{start}/attendance',
    'Every invitee of one occurrence with RSVP and presence, plus uninvited joiners; ?format=csv',
    true,
    { '200': 'The report (JSON or CSV)', '404': 'Unknown event or occurrence' },
  ),
  op(
    'get',
    '/api/events/{id}/report',
    'The attendance report for each occurrence of a series in [from, to); ?format=csv',
    true,
    { '200': 'The report (JSON or CSV)', '400': 'Invalid range', '404': 'Unknown event' },
  ),
  op('get', '/api/events/{id}/rsvps', 'The answers recorded for an event', true, {
    '200': 'Answers',
    '404': 'Unknown event',
  }),
  op(
    'get',
    '/api/events/{id}/replies',
    'REPLY mails read for an event, recorded or skipped with the reason',
    true,
    { '200': 'Replies', '404': 'Unknown event' },
  ),
  op(
    'get',
    '/api/links/{id}/schedule',
    'When the link’s call opens, and the next occurrence',
    true,
    {
      '200': 'The schedule',
      '404': 'Unknown link',
    },
  ),
  op(
    'put',
    '/api/links/{id}/schedule',
    'Open N minutes before each occurrence, guests wait for a host, invitees skip the lobby',
    true,
    { '200': 'The schedule', '400': 'Invalid input', '404': 'Unknown link' },
    { body: scheduleInput },
  ),
  op(
    'get',
    '/api/links/{id}/expected',
    'For hosts: invitees of the current occurrence who have not said no, and who is not here yet',
    false,
    { '200': 'Expected people', '401': 'Not a host' },
  ),
  op('get', '/api/mailbox', 'The REPLY mailbox’s status and the replies read lately', true, {
    '200': 'Status and replies',
  }),
  op('post', '/api/mailbox/check', 'Reads the REPLY mailbox now', true, {
    '200': 'How many replies were processed',
    '404': 'No mailbox configured',
  }),
];
