/**
 * cryptoIds.randomBytes draws from a 4 KiB pool: every byte handed out once, to one caller,
 * copied out; lengths right on both sides of the pool's end and above its direct-draw size.
 */
import { describe, expect, it } from 'vitest';
import { cryptoIds } from '../../src/adapters/system/clock.js';

const POOL = 4096;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('cryptoIds.randomBytes', () => {
  it('gives Uint8Arrays of the length asked for', () => {
    for (const n of [0, 1, 2, 12, 16, 18, 32, 255, 1000, 1023, 1024, 1025, 2048, 4096, 5000]) {
      const bytes = cryptoIds.randomBytes(n);
      expect(bytes).toBeInstanceOf(Uint8Array);
      expect(bytes.length, `n=${n}`).toBe(n);
    }
  });

  it('successive calls give different bytes', () => {
    const a = cryptoIds.randomBytes(16);
    const b = cryptoIds.randomBytes(16);
    const c = cryptoIds.randomBytes(16);
    expect(hex(a)).not.toBe(hex(b));
    expect(hex(b)).not.toBe(hex(c));
    expect(hex(a)).not.toBe(hex(c));
  });

  it('regression: never the same bytes twice over 2000 calls of 12 bytes (several pool refills)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(hex(cryptoIds.randomBytes(12)));
    expect(seen.size).toBe(2000);
  });

  it('regression: no 12-byte window repeats across refills (the pool is refilled, not reused)', () => {
    // 24,000 bytes from 12-byte calls: if a refill left the pool as it was, or a call crossing
    // the end re-used bytes, the same 12-byte runs would turn up twice. Checked on 8-byte runs
    // at every 4-byte step too, so a shifted reuse is seen as well.
    const all = Buffer.concat(Array.from({ length: 2000 }, () => cryptoIds.randomBytes(12)));
    const runs = new Set<string>();
    for (let i = 0; i + 8 <= all.length; i += 4) runs.add(all.subarray(i, i + 8).toString('hex'));
    expect(runs.size).toBe((all.length - 8) / 4 + 1);
  });

  it('calls that cross the pool’s end get full-length, fresh bytes', () => {
    // Whatever the offset now, a run of odd-sized calls walks over the end several times.
    const sizes = [1000, 1000, 1000, 1000, 97, 1000, 1000, 1000, 999, 13, 1024, 1024, 1024, 1024];
    const outs = sizes.map((n) => cryptoIds.randomBytes(n));
    outs.forEach((bytes, i) => expect(bytes.length).toBe(sizes[i]));
    // A refill that handed out zeros (the spent part of the pool) would show as long zero runs.
    for (const bytes of outs) {
      const zeros = hex(bytes).match(/(?:00){8,}/);
      expect(zeros, 'eight zero bytes in a row').toBeNull();
    }
    const starts = new Set(outs.map((b) => hex(b.subarray(0, 12))));
    expect(starts.size).toBe(outs.length);
  });

  it('regression: a 1024-byte call right at the end of the pool is not short or zero-padded', () => {
    // 1024-byte calls line up with the pool within five calls (a refill leaves the offset at
    // 1024, then 2048, 3072, 4096): of twelve, some end exactly at the pool's end and some
    // start a refill.
    for (let i = 0; i < 12; i++) {
      const bytes = cryptoIds.randomBytes(1024);
      expect(bytes.length).toBe(1024);
      expect(hex(bytes).match(/(?:00){8,}/)).toBeNull();
    }
  });

  it('larger than a quarter pool (direct draws): right length, random, never repeated', () => {
    const sizes = [1025, 4096, POOL + 1, 3 * POOL];
    const outs = sizes.map((n) => cryptoIds.randomBytes(n));
    outs.forEach((bytes, i) => {
      expect(bytes.length).toBe(sizes[i]);
      expect(hex(bytes).match(/(?:00){8,}/)).toBeNull();
    });
    expect(new Set(outs.map((b) => hex(b.subarray(0, 16)))).size).toBe(outs.length);
  });

  it('what it hands out is a copy: changing it does not change later bytes', () => {
    const first = cryptoIds.randomBytes(12);
    // A copy of its own, not a window on the pool.
    expect(first.buffer.byteLength).toBe(12);
    expect(first.byteOffset).toBe(0);
    first.fill(0xaa);
    const next = cryptoIds.randomBytes(12);
    expect(hex(next)).not.toBe('aa'.repeat(12));
    expect(next.buffer).not.toBe(first.buffer);
  });

  it('looks uniform: every byte value turns up in 64 KiB of 12-byte draws', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 5462; i++) for (const b of cryptoIds.randomBytes(12)) counts[b]!++;
    // 65,544 bytes, 256 expected per value: far outside [128, 400] would mean a broken pool.
    expect(Math.min(...counts)).toBeGreaterThan(128);
    expect(Math.max(...counts)).toBeLessThan(400);
  });
});
