/**
 * OpenAPI operations added for the organizer page's weekly work: link settings, the
 * recurrence preview and "this and following" on a series (changed or cancelled).
 */
import { patchEventInput } from '../../core/events.js';
import { recurrencePreviewInput } from '../../core/recurrence-preview.js';
import { patchLinkInput } from '../../core/usecases/link-settings.js';
import type { Operation } from './openapi.js';

export const ORGANIZER_OPERATIONS: Operation[] = [
  {
    method: 'patch',
    path: '/api/links/{id}',
    summary: 'Change a link: title, lobby, call size (owner only, within the policy; audited)',
    auth: true,
    body: patchLinkInput,
    responses: {
      '200': 'The link; its id and URL are unchanged',
      '400': 'Invalid input, or over the policy call size',
      '404': 'Unknown',
      '410': 'Revoked',
    },
  },
  {
    method: 'post',
    path: '/api/recurrence/preview',
    summary: 'Check a rule as scheduling would and list its next occurrences and total',
    auth: true,
    body: recurrencePreviewInput,
    responses: { '200': '{rule, occurrences, total, last}', '400': 'invalid_recurrence …' },
  },
  {
    method: 'post',
    path: '/api/events/{id}/occurrences/{start}/split',
    summary:
      'This and following: end the series before this occurrence (UNTIL) and start a new series (new UID, same link) with the change',
    auth: true,
    body: patchEventInput,
    responses: {
      '201': '{before, after}: the shortened series and the new one',
      '200': '{before: null, after}: split at the first occurrence, the whole series changed',
      '404': 'Unknown event or occurrence',
      '409': 'Cancelled or changed meanwhile',
    },
  },
  {
    method: 'delete',
    path: '/api/events/{id}/occurrences/{start}/following',
    summary:
      'Cancel this and following: the series ends before this occurrence (UNTIL; attendees get the update); from the first occurrence on, the whole series is cancelled',
    auth: true,
    responses: {
      '200': '{event, cancelled}: the shortened series (cancelled: false) or the cancelled one',
      '404': 'Unknown event or occurrence',
      '409': 'Cancelled or changed meanwhile',
    },
  },
  {
    method: 'get',
    path: '/api/agenda',
    summary:
      "The caller's upcoming occurrences (admins: everyone's), soonest first, with their links; ?days=1..366 (default 28)",
    auth: true,
    responses: {
      '200':
        '{from, days, items: [occurrence with linkUrl and answers: {invited, accepted, tentative, declined, none} or null without invitees]}',
      '400': 'Bad query',
    },
  },
];
