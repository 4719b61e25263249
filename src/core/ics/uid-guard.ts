/**
 * node-ical 0.26 keys parsed events by UID (and zones by TZID) in plain objects: a UID of
 * `__proto__` writes onto every object, `constructor` or `toString` make it throw. Such ids are
 * refused before any parsing.
 */
import { malformed } from './lines.js';

const FORBIDDEN = new Set([
  '__proto__',
  'prototype',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

export function isUnsafeKey(value: string): boolean {
  return FORBIDDEN.has(value.trim());
}

export function assertSafeUid(uid: string, lineNo: number): void {
  if (isUnsafeKey(uid)) throw malformed(lineNo, `the UID "${uid.trim()}" is not allowed`);
}
