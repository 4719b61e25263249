import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliWith } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'callink-cli-'));
const env = { CALLINK_DATA_DIR: dir, CALLINK_PUBLIC_URL: 'https://meet.example.test' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = cliWith(env);

describe('callink CLI', () => {
  it('creates a link and prints its URL', async () => {
    const r = await cli('link', 'create', '--title', 'Weekly', '--lobby');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(/^https:\/\/meet\.example\.test\/j\/[0-9a-z]{28}$/);
  });

  it('prints a plain URL for an E2EE link, and the key in the fragment for a passphrase link', async () => {
    const exchange = await cli('link', 'create', '--e2ee');
    expect(exchange.out.trim()).toMatch(/\/j\/[0-9a-z]{28}$/);
    const r = await cli('link', 'create', '--e2ee', '--passphrase');
    expect(r.out.trim()).toMatch(/#k=[\w-]{43}$/);
  });

  it('lists and revokes links in the same store as the server', async () => {
    const created = await cli('link', 'create', '--json', '--title', 'To revoke');
    const { id } = JSON.parse(created.out) as { id: string };
    expect((await cli('link', 'list')).out).toContain(id);
    expect((await cli('link', 'revoke', id)).code).toBe(0);
    const listed = JSON.parse((await cli('link', 'list', '--json')).out) as {
      links: { id: string; revokedAt: string | null }[];
    };
    expect(listed.links.find((l) => l.id === id)?.revokedAt).not.toBeNull();
  });

  it('exits non-zero with a clear message for bad input', async () => {
    const cut = await cli('link', 'revoke', 'abc');
    expect(cut.code).toBe(65);
    expect(cut.err).toMatch(/incomplete/);
    const bad = await cli('link', 'create', '--max', '500');
    expect(bad.code).toBe(65);
    expect(bad.err).toMatch(/maxParticipants/);
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(64);
    expect(unknown.err).toMatch(/Usage/);
  });
});
