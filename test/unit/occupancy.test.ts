import { describe, expect, it } from 'vitest';
import { createOccupancy } from '../../src/adapters/livekit/occupancy.js';

function counter(initial: number) {
  const state = { inRoom: initial, lookups: 0 };
  const occupancy = createOccupancy(async () => {
    state.lookups++;
    const seen = state.inRoom; // what the media server says when asked
    await new Promise((r) => setTimeout(r, 5));
    return seen;
  });
  return { state, occupancy };
}

describe('room occupancy for admission', () => {
  it('shares one lookup among concurrent joins to the same room', async () => {
    const { state, occupancy } = counter(3);
    const answers = await Promise.all(Array.from({ length: 20 }, () => occupancy.get('r')));
    expect(answers.every((n) => n === 3)).toBe(true);
    expect(state.lookups).toBe(1);
  });

  it('never reuses a count once its lookup has ended', async () => {
    const { state, occupancy } = counter(3);
    expect(await occupancy.get('r')).toBe(3);
    state.inRoom = 1; // two people left
    expect(await occupancy.get('r')).toBe(1);
    expect(state.lookups).toBe(2);
  });

  it('asks anew when fresh, even while a lookup is under way', async () => {
    const { state, occupancy } = counter(4);
    const shared = occupancy.get('r');
    state.inRoom = 3; // someone left after the first lookup started
    const fresh = occupancy.get('r', { fresh: true });
    expect(await shared).toBe(4);
    expect(await fresh).toBe(3);
    expect(state.lookups).toBe(2);
  });

  it('keeps rooms apart', async () => {
    const { state, occupancy } = counter(2);
    await Promise.all([occupancy.get('a'), occupancy.get('b')]);
    expect(state.lookups).toBe(2);
  });
});
