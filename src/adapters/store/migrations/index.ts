/**
 * Every schema migration, in order. Add a file per change; never edit one that has shipped.
 */
import type { Migration } from '../sql.js';
import { links } from './001-links.js';
import { livekit } from './002-livekit.js';
import { events } from './003-events.js';
import { teams } from './004-teams.js';
import { importLinks } from './005-import-links.js';
import { policyKeysAudit } from './006-policy-keys-audit.js';
import { outbox } from './008-outbox.js';
import { teamOwner } from './009-team-owner.js';
import { lobbyHardening } from './010-lobby-hardening.js';
import { scaleOut } from './011-scale-out.js';
import { rsvp } from './012-rsvp.js';
import { e2eeExchange } from './014-e2ee-exchange.js';
import { eventsTeamOrder } from './015-events-team-order.js';

export const migrations: readonly Migration[] = [
  links,
  livekit,
  events,
  teams,
  importLinks,
  policyKeysAudit,
  outbox,
  teamOwner,
  lobbyHardening,
  scaleOut,
  rsvp,
  e2eeExchange,
  eventsTeamOrder,
];
