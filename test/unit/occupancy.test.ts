import { describe, expect, it } from 'vitest';
import { createOccupancy } from '../../src/adapters/livekit/occupancy.js';

function counter(initial: number) {
  const state = { inRoom: initial, lookups: 0, clock: 0 };
  const occupancy = createOccupancy(
    async () => {
      state.lookups++;
      await new Promise((r) => setTimeout(r, 5));
      return state.inRoom;
    },
    { maxAgeMs: 1000, now: () => state.clock },
  );
  return { state, occupancy };
}

describe('room occupancy for admission', () => {
  it('shares one lookup among concurrent joins to the same room', async () => {
    const { state, occupancy } = counter(3);
    const answers = await Promise.all(Array.from({ length: 20 }, () => occupancy.get('r')));
    expect(answers.every((n) => n === 3)).toBe(true);
    expect(state.lookups).toBe(1);
  });

  it('counts tokens handed out since the lookup, so a burst cannot overfill the call', async () => {
    const { state, occupancy } = counter(3);
    expect(await occupancy.get('r')).toBe(3);
    occupancy.issued('r');
    occupancy.issued('r');
    expect(await occupancy.get('r')).toBe(5);
    expect(state.lookups).toBe(1);
  });

  it('asks the server again once the count is a second old', async () => {
    const { state, occupancy } = counter(3);
    await occupancy.get('r');
    occupancy.issued('r');
    state.inRoom = 1; // two people left meanwhile
    state.clock += 1000;
    expect(await occupancy.get('r')).toBe(1);
    expect(state.lookups).toBe(2);
  });

  it('reads afresh after someone is removed or the call ends', async () => {
    const { state, occupancy } = counter(4);
    await occupancy.get('r');
    state.inRoom = 3;
    occupancy.forget('r');
    expect(await occupancy.get('r')).toBe(3);
    expect(state.lookups).toBe(2);
  });

  it('asks the server at once when fresh, dropping tokens that never arrived', async () => {
    const { state, occupancy } = counter(2);
    await occupancy.get('r');
    occupancy.issued('r');
    expect(await occupancy.get('r')).toBe(3);
    expect(await occupancy.get('r', { fresh: true })).toBe(2);
    expect(state.lookups).toBe(2);
  });

  it('keeps rooms apart', async () => {
    const { state, occupancy } = counter(2);
    await occupancy.get('a');
    occupancy.issued('a');
    expect(await occupancy.get('b')).toBe(2);
    expect(state.lookups).toBe(2);
  });
});
