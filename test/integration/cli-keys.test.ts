/**
 * `callink keys …` on the server's own store: a key made on the command line signs in to the
 * running server, and revoking it there locks it out at once. `link create` obeys the policy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/adapters/store/sqlite.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { cliWith } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'callink-cli-keys-'));
const env = { CALLINK_DATA_DIR: dir, CALLINK_PUBLIC_URL: 'https://meet.example.test' };
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ store: await createSqliteStore({ dataDir: dir }) });
});
afterAll(async () => {
  await app.close();
  await app.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = cliWith(env);

describe('callink keys', () => {
  it('creates a key that signs in to the server, lists it, and revokes it', async () => {
    const made = await cli('keys', 'create', '--name', 'Team lead', '--role', 'organizer');
    expect(made.code).toBe(0);
    const key = made.out.trim().split('\n').at(-1) ?? '';
    expect(key).toMatch(/^ck_[0-9a-z]{16}_[\w-]{43}$/);
    const id = key.slice(3, 19);
    expect(made.out).toContain(id);

    const me = await app.api('/api/me', { token: key });
    expect(await me.json()).toMatchObject({ id, name: 'Team lead', role: 'organizer' });

    const list = await cli('keys', 'list');
    expect(list.out).toMatch(new RegExp(`${id}\\s+active\\s+organizer\\s+Team lead`));
    expect(list.out).not.toContain(key.slice(20));

    expect((await cli('keys', 'revoke', id)).code).toBe(0);
    expect((await app.api('/api/me', { token: key })).status).toBe(401);
    const json = JSON.parse((await cli('keys', 'list', '--json')).out) as {
      keys: { id: string; revokedAt: string | null }[];
    };
    expect(json.keys.find((k) => k.id === id)?.revokedAt).not.toBeNull();

    const audit = (await (await app.api('/api/audit')).json()) as {
      entries: { action: string; actor: { kind: string } }[];
    };
    expect(audit.entries.slice(0, 2)).toMatchObject([
      { action: 'key.revoke', actor: { kind: 'cli' } },
      { action: 'key.create', actor: { kind: 'cli' } },
    ]);
  });

  it('exits non-zero with a clear message for bad input', async () => {
    const noRole = await cli('keys', 'create', '--name', 'X');
    expect(noRole.code).toBe(65);
    expect(noRole.err).toMatch(/--role must be one of admin, organizer/);
    const noName = await cli('keys', 'create', '--role', 'admin');
    expect(noName.code).toBe(65);
    expect(noName.err).toMatch(/--name/);
    expect((await cli('keys', 'revoke', 'nosuchkey')).code).toBe(66);
    expect((await cli('keys', 'revoke')).code).toBe(64);
    expect((await cli('keys', 'frob')).code).toBe(64);
  });
});

describe('callink link create under the policy', () => {
  it('is refused while links are off, and obeys the cap', async () => {
    await app.api('/api/policy', {
      method: 'PUT',
      json: { ...DEFAULT_POLICY, linksEnabled: false },
    });
    const off = await cli('link', 'create');
    expect(off.code).toBe(77);
    expect(off.err).toMatch(/disabled by your organization/);
    await app.api('/api/policy', {
      method: 'PUT',
      json: { ...DEFAULT_POLICY, maxParticipants: 4 },
    });
    expect((await cli('link', 'create', '--max', '5')).code).toBe(65);
    const ok = await cli('link', 'create', '--json');
    expect((JSON.parse(ok.out) as { maxParticipants: number }).maxParticipants).toBe(4);
  });
});

describe('callink policy', () => {
  it('shows the policy, changes only the given fields, and logs it', async () => {
    await app.api('/api/policy', { method: 'PUT', json: DEFAULT_POLICY });
    const set = await cli('policy', 'set', '--links', 'off', '--browsers', 'firefox,safari');
    expect(set.code).toBe(0);
    expect(await (await app.api('/api/policy')).json()).toEqual({
      ...DEFAULT_POLICY,
      linksEnabled: false,
      allowedBrowsers: ['firefox', 'safari'],
    });
    const shown = JSON.parse((await cli('policy', 'show', '--json')).out) as {
      linksEnabled: boolean;
    };
    expect(shown.linksEnabled).toBe(false);
    expect((await cli('policy', 'show')).out).toMatch(/allowedBrowsers\s+firefox, safari/);
    const audit = (await (await app.api('/api/audit?limit=1')).json()) as {
      entries: { action: string; actor: { kind: string } }[];
    };
    expect(audit.entries[0]).toMatchObject({ action: 'policy.update', actor: { kind: 'cli' } });
  });

  it('refuses a bad change whole and keeps the policy', async () => {
    await app.api('/api/policy', { method: 'PUT', json: DEFAULT_POLICY });
    const bad = await cli(
      'policy',
      'set',
      '--max',
      '500',
      '--browsers',
      'netscape',
      '--lobby',
      'on',
    );
    expect(bad.code).toBe(65);
    expect(bad.err).toMatch(/maxParticipants/);
    expect(bad.err).toMatch(/allowedBrowsers/);
    expect((await cli('policy', 'set', '--guests', 'maybe')).code).toBe(65);
    expect(await (await app.api('/api/policy')).json()).toEqual(DEFAULT_POLICY);
  });
});
