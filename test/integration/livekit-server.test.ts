import { inject, describe, expect, it } from 'vitest';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { startLivekit } from '../support/livekit.js';

describe('the test LiveKit server', () => {
  it('is shared by global setup and answers the server API', async () => {
    const lk = inject('livekit');
    const rooms = createLivekitRooms({ ...lk, loopback: true });
    expect(await rooms.up()).toBe(true);
    expect(await rooms.participants('no-such-room')).toEqual([]);
  });

  it('can be killed and started again on the same address', async () => {
    const lk = await startLivekit();
    try {
      const rooms = createLivekitRooms({ ...lk, loopback: true, timeoutSeconds: 1 });
      expect(await rooms.up()).toBe(true);
      await lk.kill();
      expect(await rooms.up()).toBe(false);
      await expect(rooms.participants('x')).rejects.toMatchObject({ code: 'unavailable' });
      await lk.start();
      expect(await rooms.up()).toBe(true);
    } finally {
      await lk.stop();
    }
  });
});
