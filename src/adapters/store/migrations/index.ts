/**
 * Every schema migration, in order. Add a file per change; never edit one that has shipped.
 */
import type { Migration } from '../sql.js';
import { links } from './001-links.js';
import { livekit } from './002-livekit.js';
import { policyKeysAudit } from './006-policy-keys-audit.js';

export const migrations: readonly Migration[] = [links, livekit, policyKeysAudit];
