import { describe, expect, it } from 'vitest';
import {
  LOBBY_TTL_MS,
  admissionValid,
  clampWait,
  ticketStatus,
  type LobbyTicket,
} from '../../src/core/lobby.js';

const t0 = new Date('2026-01-01T10:00:00Z');
const ticket = (over: Partial<LobbyTicket> = {}): LobbyTicket => ({
  ticket: 't',
  linkId: 'l',
  name: 'Ann',
  identity: 'p_x',
  status: 'waiting',
  createdAt: t0,
  decidedAt: null,
  ...over,
});
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('lobby tickets', () => {
  it('waits until ten minutes have passed, then expires', () => {
    expect(ticketStatus(ticket(), at(LOBBY_TTL_MS - 1))).toBe('waiting');
    expect(ticketStatus(ticket(), at(LOBBY_TTL_MS))).toBe('expired');
  });

  it('keeps a decision past the waiting time', () => {
    const denied = ticket({ status: 'denied', decidedAt: at(1000) });
    expect(ticketStatus(denied, at(LOBBY_TTL_MS * 3))).toBe('denied');
  });

  it('lets an admission be redeemed for ten minutes after the decision', () => {
    const admitted = ticket({ status: 'admitted', decidedAt: at(9 * 60_000) });
    expect(admissionValid(admitted, at(18 * 60_000))).toBe(true);
    expect(admissionValid(admitted, at(19 * 60_000))).toBe(false);
  });

  it.each([
    [undefined, 0],
    ['', 0],
    ['abc', 0],
    ['-5', 0],
    ['3', 3],
    ['2.7', 2],
    ['600', 25],
  ])('clamps wait=%j to %d seconds', (raw, seconds) => {
    expect(clampWait(raw)).toBe(seconds);
  });
});
