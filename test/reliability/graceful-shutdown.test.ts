/**
 * SIGTERM drains: requests already in flight finish, then the process exits 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../support/server-process.js';

const TOKEN = 'graceful-test-token-0123456789';

describe('graceful shutdown', () => {
  it('finishes in-flight requests on SIGTERM and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callink-term-'));
    try {
      const server = await startServerProcess({
        CALLINK_DATA_DIR: dir,
        CALLINK_ADMIN_TOKEN: TOKEN,
      });
      const inflight = Array.from({ length: 50 }, () =>
        fetch(`${server.url}/api/links`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ title: 'drain' }),
        }).then(
          (r) => r.status,
          () => 'refused' as const,
        ),
      );
      await new Promise((r) => setTimeout(r, 5));
      const code = await server.kill('SIGTERM');
      const statuses = await Promise.all(inflight);
      expect(code).toBe(0);
      // Every request either completed or was never accepted; none got a 5xx or a cut answer.
      for (const s of statuses) expect([201, 'refused']).toContain(s);
      expect(server.output()).toMatch(/SIGTERM, draining/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
