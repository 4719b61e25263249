/**
 * OpenAPI operations for events, teams, feeds and lint (kept apart from openapi.ts so each
 * feature's routes are documented next to each other).
 */
import { createEventInput, patchEventInput, patchOccurrenceInput } from '../../core/events.js';
import { createTeamInput } from '../../core/usecases/publish-feed.js';
import type { Operation } from './openapi.js';

const bad = { '400': 'Invalid input (code says which: invalid_time_range, invalid_recurrence…)' };

export const EVENT_OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/api/events',
    summary:
      'Schedule a meeting with a call link (new, or linkId); invites mailed when SMTP is set',
    auth: true,
    body: createEventInput,
    responses: { '201': 'The event, its link and add-to-calendar links', ...bad },
  },
  {
    method: 'get',
    path: '/api/events',
    summary: "The caller's events (admins: everyone's), newest first; ?limit=1..1000 (default 100)",
    auth: true,
    responses: { '200': '{events: [event]}', '400': 'Bad query' },
  },
  {
    method: 'get',
    path: '/api/events/{id}',
    summary: 'An event',
    auth: true,
    responses: { '200': 'The event', '404': 'Unknown' },
  },
  {
    method: 'patch',
    path: '/api/events/{id}',
    summary: 'Change an event; SEQUENCE rises on a real change, the link stays',
    auth: true,
    body: patchEventInput,
    responses: {
      '200': 'The event',
      '404': 'Unknown',
      '409': 'Cancelled or changed meanwhile',
      ...bad,
    },
  },
  {
    method: 'delete',
    path: '/api/events/{id}',
    summary:
      'Cancel an event: answers the METHOD:CANCEL invite (?retireLink=1 also revokes its call link)',
    auth: true,
    responses: { '200': 'text/calendar; method=CANCEL', '404': 'Unknown' },
  },
  {
    method: 'get',
    path: '/api/events/{id}/invite.ics',
    summary: 'The invite (METHOD:REQUEST, or CANCEL once cancelled)',
    auth: true,
    responses: { '200': 'text/calendar; method=REQUEST', '404': 'Unknown' },
  },
  {
    method: 'patch',
    path: '/api/events/{id}/occurrences/{start}',
    summary: 'Change one occurrence (start = its original local start, or a UTC instant)',
    auth: true,
    body: patchOccurrenceInput,
    responses: { '200': 'The event', '404': 'No such occurrence', ...bad },
  },
  {
    method: 'delete',
    path: '/api/events/{id}/occurrences/{start}',
    summary: 'Cancel one occurrence: answers the METHOD:CANCEL with RECURRENCE-ID',
    auth: true,
    responses: { '200': 'text/calendar; method=CANCEL', '404': 'No such occurrence' },
  },
  {
    method: 'get',
    path: '/events/{file}',
    summary: 'Public "add to calendar" download: /events/<id>.ics (METHOD:PUBLISH, no attendees)',
    auth: false,
    responses: { '200': 'text/calendar', '404': 'Unknown' },
  },
  {
    method: 'post',
    path: '/api/teams',
    summary: 'Create a team, owned by the caller (organizers see and change only their own)',
    auth: true,
    body: createTeamInput,
    responses: { '201': 'The team', ...bad },
  },
  {
    method: 'get',
    path: '/api/teams',
    summary:
      "The caller's teams (admins: everyone's), newest first, each with its feeds (id, createdAt, revokedAt; never the secret URL)",
    auth: true,
    responses: { '200': '{teams: [team with feeds]}' },
  },
  {
    method: 'get',
    path: '/api/teams/{id}',
    summary: 'A team',
    auth: true,
    responses: { '200': 'The team', '404': 'Unknown' },
  },
  {
    method: 'post',
    path: '/api/teams/{id}/feeds',
    summary: 'New feed: its secret URL, webcal URL and Google "add by URL" link, shown once',
    auth: true,
    responses: { '201': 'The feed', '404': 'Unknown team' },
  },
  {
    method: 'get',
    path: '/api/teams/{id}/feeds',
    summary: "The team's feeds (never their secrets)",
    auth: true,
    responses: { '200': 'Feeds', '404': 'Unknown team' },
  },
  {
    method: 'delete',
    path: '/api/teams/{id}/feeds/{feedId}',
    summary: 'Revoke a feed: its URL answers 404 from then on',
    auth: true,
    responses: { '204': 'Revoked', '404': 'Unknown' },
  },
  {
    method: 'get',
    path: '/feeds/{file}',
    summary: 'A team feed: /feeds/<secret>.ics; ETag/Last-Modified, 304s, gzip/br',
    auth: false,
    responses: { '200': 'text/calendar', '304': 'Not modified', '404': 'Unknown or revoked' },
  },
  {
    method: 'post',
    path: '/api/lint',
    summary: 'Lint an invite (text/calendar, or JSON {ics, previous?, mimeMethod?})',
    auth: true,
    bodyType: 'text/calendar',
    responses: { '200': 'The report {ok, method, events, problems}' },
  },
];
