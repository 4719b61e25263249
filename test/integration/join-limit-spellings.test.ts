/**
 * Issue 14, item 7: the per-link join limit keyed on the id as typed while lookup forgives
 * case and look-alikes (O→0, I/L→1), so respelling one link bypassed its limit.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    overrides: { rooms: createLivekitRooms({ ...inject('livekit'), loopback: true }) },
    appOptions: { rateLimits: { joinPerLink: 3, joinPerIp: 1000 } },
  });
});
afterAll(() => app.close());

describe('the per-link join limit', () => {
  it('respellings of one link id share its join limit', async () => {
    let id = '';
    // An id with both a 0 and a 1, so that every look-alike can be tried.
    for (let i = 0; i < 40 && !(id.includes('0') && id.includes('1')); i++) {
      const res = await app.api('/api/links', { method: 'POST', json: {} });
      id = ((await res.json()) as { id: string }).id;
    }
    expect(id).toMatch(/0.*1|1.*0/);
    const spellings = [
      id,
      id.toUpperCase(),
      id.replace(/0/g, 'o'),
      id.replace(/1/g, 'l'),
      id.replace(/1/g, 'I').replace(/0/g, 'O'),
    ];
    const statuses: number[] = [];
    for (const s of spellings) {
      const res = await app.api(`/api/links/${s}/join`, {
        method: 'POST',
        token: null,
        json: { name: 'A' },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});
