import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCalendar } from '../support/big-calendar.js';
import { LINK_RE, PUBLIC_URL, assertIntact, readWithIcalJs } from '../support/ics-check.js';
import { cliWith } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'callink-attach-'));
const env = { CALLINK_DATA_DIR: join(dir, 'data'), CALLINK_PUBLIC_URL: PUBLIC_URL };
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CORPUS = resolve(import.meta.dirname, '../../../shared/ics-corpus');

const cli = cliWith(env);

describe('callink attach', () => {
  const input = join(CORPUS, 'node-ical/daily-count-exdate-recurrence-id.ics');
  const output = join(dir, 'out.ics');

  it('summarizes a dry run and writes nothing', async () => {
    const r = await cli('attach', input, '-o', output, '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(
      'Would add call links to 2 of 2 events (1 series, 1 new links). Nothing was written.',
    );
    expect(existsSync(output)).toBe(false);
  });

  it('writes the calendar with one link for the series and its override', async () => {
    const r = await cli('attach', input, '-o', output);
    expect(r.code).toBe(0);
    expect(r.err).toContain('Added call links to 2 of 2 events (1 series, 1 new links)');
    const text = readFileSync(output, 'utf8');
    assertIntact(readFileSync(input, 'utf8'), text);
    const confs = readWithIcalJs(text).map((e) => e.conference[0]);
    expect(confs[0]).toMatch(LINK_RE);
    expect(confs[1]).toBe(confs[0]);
  });

  it('changes nothing on a second run, from the original or from its own output', async () => {
    const first = readFileSync(output, 'utf8');
    const again = join(dir, 'again.ics');
    expect((await cli('attach', input, '-o', again)).code).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(first);
    const r = await cli('attach', output, '-o', again, '--json');
    expect(JSON.parse(r.err)).toMatchObject({ linked: 0, alreadyLinked: 2, newLinks: 0 });
    expect(readFileSync(again, 'utf8')).toBe(first);
  });

  it('shares links with the server store (the CLI lists them)', async () => {
    const listed = await cli('link', 'list', '--json');
    const links = (JSON.parse(listed.out) as { links: { url: string }[] }).links;
    const conf = readWithIcalJs(readFileSync(output, 'utf8'))[0]?.conference[0];
    expect(links.map((l) => l.url)).toContain(conf);
  });

  it('exits non-zero with the line for a malformed file, and for a missing one', async () => {
    const bad = join(dir, 'bad.ics');
    writeFileSync(
      bad,
      'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:1\nDTSTART:2\nEND:VEVENT\nEND:VCALENDAR\n',
    );
    const r = await cli('attach', bad, '-o', join(dir, 'bad-out.ics'));
    expect(r.code).toBe(65);
    expect(r.err.trim()).toBe(
      'callink: Line 4 is not valid iCalendar: a second DTSTART in one event.',
    );
    expect(existsSync(join(dir, 'bad-out.ics'))).toBe(false);
    expect((await cli('attach', join(dir, 'nope.ics'))).code).toBe(66);
    expect((await cli('attach')).code).toBe(64);
  });

  it('draws a progress bar on a terminal for a large file', () => {
    if (!existsSync('/usr/bin/script')) throw new Error('/usr/bin/script (util-linux) is missing');
    const big = join(dir, 'big.ics');
    writeFileSync(big, generateCalendar(2500)); // ~1.4 MB
    const root = resolve(import.meta.dirname, '../..');
    const cmd = `${process.execPath} ${join(root, 'bin/callink.js')} attach ${big} -o ${join(dir, 'big-out.ics')}`;
    // script(1) gives the command a pseudo-terminal, as a person running it would have.
    const shown = execFileSync('/usr/bin/script', ['-qec', cmd, '/dev/null'], {
      cwd: root,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(shown).toMatch(/\[#{30}\] 100% 2250\/2250 series/);
    expect(shown).toContain('Added call links to 2500 of 2500 events');
  });
});
