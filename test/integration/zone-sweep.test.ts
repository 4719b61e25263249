/**
 * The zone sweep: for every zone the runtime lists and every alias in the system's zoneinfo
 * that luxon accepts, callink's VTIMEZONE must imply luxon's UTC offset at every hour of the
 * next three years, read by libical (which trusts the VTIMEZONE, as Outlook and Apple do) and by
 * python3-icalendar's own reading of the component. Readers run once per distinct rule set
 * (zones whose components differ only in TZID and TZNAME read the same); each zone's expected
 * offsets are its own.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { vtimezone } from '../../src/core/ics/timezones.js';
import { checkZone } from '../../src/core/events.js';
import { type AppError } from '../../src/core/errors.js';
import { readOffsets, type OffsetSteps } from '../support/zone-readers.js';

const ZONEINFO = '/usr/share/zoneinfo';
const HOUR = 3_600_000;

function zoneinfoNames(dir = ZONEINFO, prefix = ''): string[] {
  const names: string[] = [];
  for (const f of readdirSync(dir)) {
    // posix/ and right/ repeat every zone; lowercase files are tables, not zones.
    if (['posix', 'right', 'posixrules', 'localtime', 'Factory'].includes(f)) continue;
    if (/\./.test(f) || /^[a-z]/.test(f)) continue;
    const path = join(dir, f);
    if (statSync(path).isDirectory()) names.push(...zoneinfoNames(path, `${prefix}${f}/`));
    else names.push(prefix + f);
  }
  return names;
}

/** The offset by the runtime's Intl, written here apart from callink's own reading of it. */
const formats = new Map<string, Intl.DateTimeFormat>();
function intlOffset(zone: string, ms: number): number {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formats.set(zone, f);
  }
  const m = /GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(f.format(ms));
  if (!m?.[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60);
}

function expectedSteps(zone: string, start: number, hours: number): OffsetSteps {
  const steps: OffsetSteps = [];
  let last: number | null = null;
  for (let h = 0; h < hours; h++) {
    const o = intlOffset(zone, start + h * HOUR);
    if (o !== last) steps.push([h, o]);
    last = o;
  }
  return steps;
}

describe('zone sweep', () => {
  const start = Math.floor(Date.now() / HOUR) * HOUR;
  const end = new Date(start);
  end.setUTCFullYear(end.getUTCFullYear() + 3);
  const hours = Math.round((end.getTime() - start) / HOUR);
  const fromYear = new Date(start).getUTCFullYear();
  const toYear = end.getUTCFullYear();
  const aliases = zoneinfoNames();
  const zones = [...new Set([...Intl.supportedValuesOf('timeZone'), ...aliases])].sort();

  it('accepts every zone luxon resolves, and names close ones for a refused name', () => {
    const luxonKnown = zones.filter((z) => IANAZone.isValidZone(z));
    const refused = luxonKnown.filter((z) => {
      try {
        checkZone(z);
        return false;
      } catch {
        return true;
      }
    });
    expect(zones.length).toBeGreaterThan(590);
    expect(refused).toEqual([]);
    const error = (() => {
      try {
        checkZone('America/Sao_Paolo');
      } catch (e) {
        return e as AppError;
      }
      return null;
    })();
    expect(error?.code).toBe('invalid_time_zone');
    expect(error?.message).toContain('America/Sao_Paulo');
  });

  it(
    'gives every zone and alias a VTIMEZONE whose offsets are luxon’s at every hour of the next three years, in libical and python3-icalendar',
    { timeout: 900_000 },
    () => {
      const texts = new Map<string, string>();
      const expected = new Map<string, OffsetSteps>();
      const byRules = new Map<string, string>();
      const hourly = new Map<string, OffsetSteps>();
      const mismatches: string[] = [];
      for (const zone of zones) {
        if (zone === 'UTC') continue; // written as …Z, no VTIMEZONE
        const text = vtimezone(zone, fromYear, toYear);
        if (!text) {
          mismatches.push(`${zone}: no VTIMEZONE`);
          continue;
        }
        if (!text.includes(`\r\nTZID:${zone}\r\n`))
          mismatches.push(`${zone}: TZID is not its name`);
        texts.set(zone, text);
        // An alias is its canonical zone in ICU: hourly offsets once per canonical zone.
        const canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions()
          .timeZone;
        const steps = hourly.get(canonical) ?? expectedSteps(zone, start, hours);
        hourly.set(canonical, steps);
        expected.set(zone, steps);
        // luxon reads the same ICU data: it agrees at every change and around it.
        for (const [h] of steps) {
          for (const at of [h - 1, h].filter((x) => x >= 0)) {
            const ms = start + at * HOUR;
            const luxon = IANAZone.create(zone).offset(ms) * 60;
            if (luxon !== intlOffset(zone, ms)) mismatches.push(`${zone}: luxon differs at ${at}`);
          }
        }
        const rules = text.replace(/^(TZID|TZNAME):.*\r\n/gm, '');
        if (!byRules.has(rules)) byRules.set(rules, zone);
      }
      const representatives = [...byRules.values()];
      const calendar = (zone: string) =>
        `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//callink//sweep//EN\r\n${texts.get(zone)}END:VCALENDAR\r\n`;
      const items = representatives.map((z) => ({ text: calendar(z), start: start / 1000, hours }));
      const read = {
        libical: readOffsets('libical', items),
        python: readOffsets('python', items),
      };
      const agree = { libical: 0, python: 0 };
      for (const zone of texts.keys()) {
        const text = texts.get(zone) ?? '';
        const rep = byRules.get(text.replace(/^(TZID|TZNAME):.*\r\n/gm, '')) ?? '';
        const index = representatives.indexOf(rep);
        for (const reader of ['libical', 'python'] as const) {
          const got = JSON.stringify(read[reader][index]);
          const want = JSON.stringify(expected.get(zone));
          if (got === want) agree[reader] += 1;
          else
            mismatches.push(`${zone} (${reader}): ${got.slice(0, 120)} vs ${want.slice(0, 120)}`);
        }
      }
      console.log(
        `zone sweep: ${zones.length} names (${texts.size} with a VTIMEZONE, ${representatives.length} distinct rule sets), ${hours} hours from ${new Date(start).toISOString()}; agree with luxon: libical ${agree.libical}, python3-icalendar ${agree.python}`,
      );
      expect(mismatches).toEqual([]);
    },
  );
});
