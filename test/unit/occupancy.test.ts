import { describe, expect, it } from 'vitest';
import { createOccupancy } from '../../src/adapters/livekit/occupancy.js';

function counter(initial: number, reuseMs = 1000) {
  const state = { inRoom: initial, lookups: 0, fail: false, clock: 0 };
  const occupancy = createOccupancy(
    async () => {
      state.lookups++;
      const seen = state.inRoom; // what the media server says when asked
      await new Promise((r) => setTimeout(r, 5));
      if (state.fail) throw new Error('media server down');
      return seen;
    },
    { reuseMs, now: () => state.clock },
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

  it('reuses a count for a moment, adding every seat handed out since', async () => {
    const { state, occupancy } = counter(3);
    expect(await occupancy.get('r')).toBe(3);
    occupancy.taken('r');
    occupancy.taken('r');
    state.clock = 999;
    expect(await occupancy.get('r')).toBe(5); // 3 in the room, 2 tokens on their way
    expect(state.lookups).toBe(1);
  });

  it('regression: a count looked up before two just-admitted people connected let a third in past a cap of 2', async () => {
    // As a full run saw: three tokens for a call of 2, the last after a fresh lookup that
    // found nobody yet; the two connect; a join within the second reused that empty count.
    const { state, occupancy } = counter(0);
    expect(await occupancy.get('r')).toBe(0);
    occupancy.taken('r');
    state.clock = 100;
    expect(await occupancy.get('r')).toBe(1);
    occupancy.taken('r');
    state.clock = 200;
    expect(await occupancy.get('r', { fresh: true })).toBe(0); // the two are not in yet
    occupancy.taken('r'); // the early third token
    state.inRoom = 2; // the two connect
    state.clock = 500;
    // Every token of the last 10 s counts: 3 ≥ 2, so the join asks LiveKit fresh.
    expect(await occupancy.get('r')).toBe(3);
    expect(await occupancy.get('r', { fresh: true })).toBe(2);
    // A seat handed out long before a lookup is in that lookup's count, not added again.
    state.clock = 30_000;
    expect(await occupancy.get('r')).toBe(2);
    state.clock = 30_500;
    expect(await occupancy.get('r')).toBe(2);
  });

  it('never reuses a count once it is older than reuseMs', async () => {
    const { state, occupancy } = counter(3);
    expect(await occupancy.get('r')).toBe(3);
    state.inRoom = 1; // two people left
    state.clock = 1000;
    expect(await occupancy.get('r')).toBe(1);
    expect(state.lookups).toBe(2);
  });

  it('asks anew when fresh, even while a lookup is under way or a count is recent', async () => {
    const { state, occupancy } = counter(4);
    const shared = occupancy.get('r');
    state.inRoom = 3; // someone left after the first lookup started
    const fresh = occupancy.get('r', { fresh: true });
    expect(await shared).toBe(4);
    expect(await fresh).toBe(3);
    state.inRoom = 2;
    expect(await occupancy.get('r', { fresh: true })).toBe(2);
    expect(state.lookups).toBe(3);
  });

  it('shares one fresh lookup among the fresh asks that come while it is under way', async () => {
    const { state, occupancy } = counter(5);
    const answers = await Promise.all(
      Array.from({ length: 16 }, () => occupancy.get('r', { fresh: true })),
    );
    expect(answers.every((n) => n === 5)).toBe(true);
    expect(state.lookups).toBe(1);
  });

  it('counts seats taken while a lookup was under way (they may not be in its count)', async () => {
    const { occupancy } = counter(3);
    const pending = occupancy.get('r');
    occupancy.taken('r');
    expect(await pending).toBe(3);
    expect(await occupancy.get('r')).toBe(4);
  });

  it('keeps nothing from a failed lookup: the next join asks the media server again', async () => {
    const { state, occupancy } = counter(3);
    expect(await occupancy.get('r')).toBe(3);
    state.clock = 1000;
    state.fail = true;
    await expect(occupancy.get('r')).rejects.toThrow('media server down');
    state.fail = false;
    expect(await occupancy.get('r')).toBe(3);
    expect(state.lookups).toBe(3);
  });

  it('forgets every kept count when the media server stops answering', async () => {
    const { state, occupancy } = counter(3);
    expect(await occupancy.get('a')).toBe(3);
    expect(await occupancy.get('b')).toBe(3);
    occupancy.forget();
    await occupancy.get('a');
    await occupancy.get('b');
    expect(state.lookups).toBe(4);
  });

  it('keeps rooms apart', async () => {
    const { state, occupancy } = counter(2);
    await Promise.all([occupancy.get('a'), occupancy.get('b')]);
    occupancy.taken('a');
    expect(await occupancy.get('a')).toBe(3);
    expect(await occupancy.get('b')).toBe(2);
    expect(state.lookups).toBe(2);
  });
});
