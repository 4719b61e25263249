/**
 * Secret handling shared by every adapter: tokens are stored only as SHA-256 hashes and
 * compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented secret against a stored hash. */
export function secretMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A new random secret, base64url, with the given number of random bytes (default 32). */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
