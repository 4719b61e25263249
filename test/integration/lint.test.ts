/**
 * The linter over the real-world corpus (never crashes, counts what it finds), through the
 * CLI (exit codes) and POST /api/lint.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { lintCalendar } from '../../src/core/ics/lint.js';
import { startTestApp } from '../support/app.js';

const CORPUS = join(import.meta.dirname, '../../../shared/ics-corpus');
const dir = mkdtempSync(join(tmpdir(), 'callink-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function corpusFiles(): string[] {
  const out: string[] = [];
  for (const d of readdirSync(CORPUS, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    for (const f of readdirSync(join(CORPUS, d.name)))
      if (f.endsWith('.ics')) out.push(join(CORPUS, d.name, f));
  }
  return out;
}

describe('lint over ../shared/ics-corpus', () => {
  it('reads every file without crashing and finds real problems', () => {
    const files = corpusFiles();
    expect(files.length).toBeGreaterThan(40);
    const byKind: Record<string, number> = {};
    for (const file of files) {
      const report = lintCalendar(readFileSync(file, 'utf8'));
      for (const p of report.problems) byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
    }
    console.log(`lint corpus: ${files.length} files`, JSON.stringify(byKind));
    expect(byKind.missing_vtimezone).toBeGreaterThan(0);
    expect(byKind.missing_dtstamp).toBeGreaterThan(0);
  });
});

describe('callink lint', () => {
  const cli = async (...argv: string[]) => {
    let out = '';
    const code = await runCli(
      argv,
      { CALLINK_DATA_DIR: dir },
      { out: (t) => (out += `${t}\n`), err: (t) => (out += `${t}\n`) },
    );
    return { code, out };
  };

  it('exits 1 and names the problem for a bad invite, 0 for a clean one', async () => {
    const bad = join(dir, 'bad.ics');
    writeFileSync(
      bad,
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260101T100000Z\r\nORGANIZER:mailto:a@x.org\r\nATTENDEE:mailto:b@x.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
    );
    const r = await cli('lint', bad);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/missing_method/);
    const good = join(dir, 'good.ics');
    writeFileSync(
      good,
      readFileSync(join(import.meta.dirname, '../../fixtures/expected/invite-request.ics')),
    );
    expect((await cli('lint', good)).code).toBe(0);
    expect((await cli('lint', join(dir, 'missing.ics'))).code).toBe(66);
  });
});

describe('POST /api/lint', () => {
  it('lints a text/calendar body and checks its method parameter', async () => {
    const app = await startTestApp();
    try {
      const body = readFileSync(
        join(import.meta.dirname, '../../fixtures/expected/invite-request.ics'),
        'utf8',
      );
      const ok = await app.api('/api/lint', {
        method: 'POST',
        body,
        headers: { 'content-type': 'text/calendar; method=REQUEST' },
      });
      expect(await ok.json()).toMatchObject({
        ok: true,
        method: 'REQUEST',
        events: 1,
        problems: [],
      });
      const wrong = await app.api('/api/lint', {
        method: 'POST',
        body,
        headers: { 'content-type': 'text/calendar; method=PUBLISH' },
      });
      expect(
        ((await wrong.json()) as { problems: { kind: string }[] }).problems.map((p) => p.kind),
      ).toEqual(['method_mismatch']);
      const json = await app.api('/api/lint', { method: 'POST', json: { ics: 'nope' } });
      expect(((await json.json()) as { ok: boolean }).ok).toBe(false);
      const unauth = await app.api('/api/lint', { method: 'POST', body, token: null });
      expect(unauth.status).toBe(401);
    } finally {
      await app.close();
    }
  });
});
