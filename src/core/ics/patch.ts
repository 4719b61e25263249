/**
 * The line editor: finds the VEVENTs of a calendar and adds a call link to chosen ones by
 * changing or adding only their LOCATION, URL, DESCRIPTION, X-ALT-DESC and CONFERENCE lines.
 * Every other line (X- properties, VALARMs, VTIMEZONEs, unknown components, folds, line
 * endings) is copied byte for byte.
 */
import { AppError } from '../errors.js';
import { CALL_PROPERTIES, TEXT_PROPERTIES, mentionsMeetingUrl } from './calls.js';
import {
  escapeText,
  foldLineEnd,
  malformed,
  paramValue,
  parseContentLine,
  splitLines,
  unescapeText,
  unfold,
  type RawLine,
  type SplitResult,
} from './lines.js';
import { assertSafeUid } from './uid-guard.js';

export interface ScannedEvent {
  /** Index of the BEGIN:VEVENT line. */
  begin: number;
  /** Index of the END:VEVENT line. */
  end: number;
  lineNo: number;
  uid: string | undefined;
  isOverride: boolean;
  summary: string;
  hasAttendees: boolean;
  /** 'ours' when it carries a link of this server, 'other' for another call, else null. */
  call: 'ours' | 'other' | null;
  /** Where new lines go: before the first nested component, or END:VEVENT. */
  insertAt: number;
  /** Index of the first line of each property we may edit. */
  props: Partial<Record<'LOCATION' | 'URL' | 'DESCRIPTION' | 'X-ALT-DESC', number>>;
}

export interface ScannedCalendar extends SplitResult {
  events: ScannedEvent[];
}

export interface ScanOptions {
  /** Prefix of this server's join URLs (`https://host/j/`), to recognize links already added. */
  ourPrefix: string;
  maxEvents: number;
  /** Called every few thousand lines; throws to stop a scan that runs too long. */
  checkBudget?: () => void;
}

/** Properties an event may hold once at most; a second one means the file is broken. */
const SINGLE = new Set(['UID', 'DTSTART', 'DTEND', 'DURATION', 'RECURRENCE-ID']);

/**
 * Splits and checks a calendar: balanced BEGIN/END, every line a property, at most one of the
 * properties in SINGLE per event. Throws calendar_invalid naming the first bad line.
 */
export function scanCalendar(text: string, options: ScanOptions): ScannedCalendar {
  const split = splitLines(text);
  const { lines } = split;
  const events: ScannedEvent[] = [];
  const stack: string[] = [];
  let current: ScannedEvent | undefined;
  let seen = new Set<string>();
  let sawCalendar = false;

  for (let i = 0; i < lines.length; i++) {
    if ((i & 4095) === 4095) options.checkBudget?.();
    const line = lines[i] as RawLine;
    if (line.name === '') {
      if (line.raw.trim() === '') continue; // blank lines are tolerated and kept
      throw malformed(line.lineNo, 'a line must start with a property name');
    }
    if (line.name === 'BEGIN' || line.name === 'END') {
      const value = parseContentLine(unfold(line.raw), line.lineNo).value.trim().toUpperCase();
      if (line.name === 'BEGIN') {
        if (stack.length === 0 && value !== 'VCALENDAR') {
          throw malformed(line.lineNo, `expected BEGIN:VCALENDAR, found BEGIN:${value}`);
        }
        if (value === 'VCALENDAR') sawCalendar = true;
        if (current && stack.length === 2 && current.insertAt === -1) current.insertAt = i;
        stack.push(value);
        if (value === 'VEVENT' && stack.length === 2) {
          if (events.length >= options.maxEvents) {
            throw new AppError(
              'payload_too_large',
              `This calendar has more than ${options.maxEvents} events; split it into smaller files.`,
            );
          }
          current = {
            begin: i,
            end: -1,
            lineNo: line.lineNo,
            uid: undefined,
            isOverride: false,
            summary: '',
            hasAttendees: false,
            call: null,
            insertAt: -1,
            props: {},
          };
          seen = new Set();
        }
      } else {
        const open = stack.pop();
        if (open !== value) {
          throw malformed(
            line.lineNo,
            open ? `END:${value} closes BEGIN:${open}` : `END:${value} without a BEGIN`,
          );
        }
        if (value === 'VEVENT' && current && stack.length === 1) {
          current.end = i;
          if (current.insertAt === -1) current.insertAt = i;
          events.push(current);
          current = undefined;
        }
      }
      continue;
    }
    if (stack.length === 0 && !sawCalendar) {
      throw malformed(line.lineNo, 'a property before BEGIN:VCALENDAR');
    }
    if (!current || stack.length !== 2) {
      // Not an event property (or a stray one after END:VCALENDAR, as some exporters write):
      // only check that it has a value separator, and keep it untouched.
      if (line.raw.indexOf(':') === -1) throw malformed(line.lineNo, `"${line.name}" has no ":"`);
      continue;
    }
    readEventProperty(current, line, i, seen, options.ourPrefix);
  }
  if (stack.length > 0) {
    const last = lines[lines.length - 1];
    throw malformed(last ? last.lineNo : 1, `BEGIN:${stack[stack.length - 1]} is never closed`);
  }
  if (!sawCalendar) throw malformed(1, 'the file holds no BEGIN:VCALENDAR');
  return { ...split, events };
}

function readEventProperty(
  ev: ScannedEvent,
  line: RawLine,
  index: number,
  seen: Set<string>,
  ourPrefix: string,
): void {
  const name = line.name;
  if (SINGLE.has(name)) {
    if (seen.has(name)) throw malformed(line.lineNo, `a second ${name} in one event`);
    seen.add(name);
  }
  if (name === 'UID') {
    const uid = parseContentLine(unfold(line.raw), line.lineNo).value.trim();
    assertSafeUid(uid, line.lineNo);
    ev.uid = uid;
  } else if (name === 'RECURRENCE-ID') {
    ev.isOverride = true;
  } else if (name === 'SUMMARY') {
    ev.summary = unescapeText(parseContentLine(unfold(line.raw), line.lineNo).value);
  } else if (name === 'ATTENDEE') {
    ev.hasAttendees = true;
  }
  if (CALL_PROPERTIES.has(name) || TEXT_PROPERTIES.has(name)) {
    const value = parseContentLine(unfold(line.raw), line.lineNo).value;
    if (value.includes(ourPrefix)) ev.call = 'ours';
    else if (ev.call === null && (CALL_PROPERTIES.has(name) || mentionsMeetingUrl(value))) {
      ev.call = 'other';
    }
    if (TEXT_PROPERTIES.has(name) && !(name in ev.props)) {
      ev.props[name as keyof ScannedEvent['props']] = index;
    }
  } else if (line.raw.indexOf(':') === -1) {
    throw malformed(line.lineNo, `"${name}" has no ":"`);
  }
}

export interface CallLink {
  url: string;
  /** Shown by clients next to the CONFERENCE button. */
  label: string;
}

/** The URL goes into URI values verbatim: refuse anything that could break a line. */
function checkUrl(url: string): void {
  if (!/^https?:\/\/[\x21-\x7e]+$/.test(url)) {
    throw new AppError('internal', 'A call link URL holds characters a calendar cannot carry.');
  }
}

/** Rewrites one existing text property, keeping its name and parameters as written. */
function rewrite(raw: string, lineNo: number, eol: string, edit: (value: string) => string) {
  const line = unfold(raw);
  const value = parseContentLine(line, lineNo).value;
  return foldLineEnd(line.slice(0, line.length - value.length) + edit(value), eol);
}

function altDescWithLink(value: string, url: string, label: string): string {
  const html = escapeText(`<p>${label}: <a href="${url}">${url}</a></p>`);
  // indexOf, not /<body[^>]*>/: that regex is quadratic on a long run of unclosed "<body".
  const start = value.search(/<body/i);
  const close = start === -1 ? -1 : value.indexOf('>', start);
  if (close === -1) return html + value;
  return value.slice(0, close + 1) + html + value.slice(close + 1);
}

/** The new raw text of one event's lines, for an event given a link. */
function patchEvent(
  cal: ScannedCalendar,
  ev: ScannedEvent,
  link: CallLink,
  out: Map<number, string>,
) {
  const { lines, eol } = cal;
  const url = escapeText(link.url);
  const added: string[] = [];
  const lineAt = (i: number) => lines[i] as RawLine;

  const loc = ev.props.LOCATION;
  if (loc === undefined) added.push(foldLineEnd(`LOCATION:${url}`, eol));
  else
    out.set(
      loc,
      rewrite(lineAt(loc).raw, lineAt(loc).lineNo, eol, (v) =>
        unescapeText(v).trim() === '' ? url : `${v}\\, ${url}`,
      ),
    );

  if (ev.props.URL === undefined) added.push(foldLineEnd(`URL:${link.url}`, eol));

  const first = escapeText(`${link.label}: ${link.url}`);
  const desc = ev.props.DESCRIPTION;
  if (desc === undefined) added.push(foldLineEnd(`DESCRIPTION:${first}`, eol));
  else
    out.set(
      desc,
      rewrite(lineAt(desc).raw, lineAt(desc).lineNo, eol, (v) =>
        v.trim() === '' ? first : `${first}\\n\\n${v}`,
      ),
    );

  const alt = ev.props['X-ALT-DESC'];
  if (alt !== undefined) {
    out.set(
      alt,
      rewrite(lineAt(alt).raw, lineAt(alt).lineNo, eol, (v) =>
        altDescWithLink(v, link.url, link.label),
      ),
    );
  }
  added.push(
    foldLineEnd(
      `CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=${paramValue(link.label)}:${link.url}`,
      eol,
    ),
  );
  const before = out.get(ev.insertAt) ?? lineAt(ev.insertAt).raw;
  out.set(ev.insertAt, added.join('') + before);
}

/** FNV-1a, twice with different offsets: a stable 64-bit key for text without crypto. */
function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * What remembers an event's link: its UID, or for an event without one (some exporters omit
 * it) a digest of its original lines, so that importing the same file again finds the link.
 */
export function eventKey(cal: ScannedCalendar, ev: ScannedEvent): string {
  if (ev.uid !== undefined) return ev.uid;
  let text = '';
  for (let i = ev.begin; i <= ev.end; i++) text += unfold((cal.lines[i] as RawLine).raw) + '\n';
  return `~no-uid:${hash64(text)}`;
}

/**
 * Writes the calendar back with links added to the given events (by index in cal.events).
 * Lines of all other events and components are copied unchanged.
 */
export function applyLinks(cal: ScannedCalendar, links: ReadonlyMap<number, CallLink>): string {
  const patcher = linkPatcher(cal);
  for (const [index, link] of links) patcher.add(index, link);
  return patcher.finish();
}

export interface LinkPatcher {
  /** Writes the link into the event at `index` of cal.events (each event once at most). */
  add(index: number, link: CallLink): void;
  /** The calendar with every link added so far. */
  finish(): string;
}

/**
 * applyLinks in steps, for links that arrive in parts (the worker pool's import patches each
 * page of links while the event loop links the next). The order of the adds does not matter:
 * an event's patch rewrites only that event's own lines, and the calendar is written once, in
 * line order, at the end.
 */
export function linkPatcher(cal: ScannedCalendar): LinkPatcher {
  const out = new Map<number, string>();
  return {
    add(index, link) {
      const ev = cal.events[index];
      if (!ev) return;
      checkUrl(link.url);
      patchEvent(cal, ev, link, out);
    },
    finish() {
      const parts: string[] = [cal.bom];
      for (let i = 0; i < cal.lines.length; i++) {
        const raw = (cal.lines[i] as RawLine).raw;
        parts.push(out.get(i) ?? raw);
      }
      return parts.join('');
    },
  };
}
