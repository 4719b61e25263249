import { randomFillSync } from 'node:crypto';
import type { Clock, Ids } from '../../core/ports.js';

export const systemClock: Clock = { now: () => new Date() };

/**
 * Random bytes from the system CSPRNG, drawn 4 KiB at a time (as node:crypto's randomUUID
 * does for its own): every join takes 12-18 bytes, and one call into the CSPRNG per request
 * cost more than the bytes. Every byte is handed out once, to one caller, and copied out.
 */
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let offset = POOL_SIZE;

function randomBytes(n: number): Uint8Array {
  if (n > POOL_SIZE / 4) return new Uint8Array(randomFillSync(Buffer.alloc(n)));
  if (offset + n > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = new Uint8Array(n);
  out.set(pool.subarray(offset, offset + n));
  // Nothing handed out stays in the pool.
  pool.fill(0, offset, offset + n);
  offset += n;
  return out;
}

export const cryptoIds: Ids = { randomBytes };
