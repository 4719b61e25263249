import { randomBytes } from 'node:crypto';
import type { Clock, Ids } from '../../core/ports.js';

export const systemClock: Clock = { now: () => new Date() };
export const cryptoIds: Ids = { randomBytes: (n) => new Uint8Array(randomBytes(n)) };
