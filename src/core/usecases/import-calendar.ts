/**
 * Import: run an organizer's calendar through callink and get it back whole, each chosen
 * event carrying a call link. A series and its overrides (same UID) share one link, remembered
 * in the store, so importing the same calendar again gives the same bytes.
 */
import { AppError } from '../errors.js';
import {
  applyLinks,
  eventKey,
  scanCalendar,
  type CallLink,
  type ScannedCalendar,
  type ScannedEvent,
} from '../ics/patch.js';
import { upcomingUids } from '../ics/parse.js';
import { linkUrl } from '../links.js';
import { createLink, type LinkDeps } from './links.js';

export type ImportMode = 'missing' | 'all';

export interface ImportOptions {
  /** missing: only events without any call; all: also events that carry another service's call. */
  mode: ImportMode;
  /** Only events with an occurrence still ahead. */
  futureOnly?: boolean;
  /** Only events that have ATTENDEEs (meetings, not personal reminders). */
  attendeesOnly?: boolean;
  /** Only events whose SUMMARY matches this pattern (`*` and `?` wildcards, any case). */
  summary?: string;
  /** Count what would change; create nothing, return the input unchanged. */
  dryRun?: boolean;
  maxEvents?: number;
  /** Reading the file (not creating links) must take no longer than this. */
  maxMs?: number;
  /** The text shown with the link, e.g. on the CONFERENCE button. */
  label?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportSummary {
  events: number;
  /** Events that got a link (or would, in a dry run). */
  linked: number;
  /** Distinct series (UIDs) among them. */
  series: number;
  /** Links created (or that would be). */
  newLinks: number;
  alreadyLinked: number;
  hadOtherCall: number;
  filteredOut: number;
}

export interface ImportResult {
  text: string;
  summary: ImportSummary;
}

export const IMPORT_DEFAULTS = { maxEvents: 50_000, maxMs: 20_000, label: 'Join the call' };

/** Summaries longer than this are matched on their start only. */
const SUMMARY_MATCH_CHARS = 1000;

/**
 * `*` any run, `?` one character, any case, anywhere in the text. A two-pointer matcher, not a
 * RegExp: a pattern like `a*a*a*a*b` must not backtrack exponentially on a hostile summary.
 */
export function globMatcher(pattern: string): (text: string) => boolean {
  if (pattern.length > 200) {
    throw new AppError('validation_failed', 'The summary pattern may be at most 200 characters.');
  }
  const p = `*${pattern.toLowerCase()}*`.replace(/\*+/g, '*');
  return (input) => {
    const t = input.slice(0, SUMMARY_MATCH_CHARS).toLowerCase();
    let i = 0;
    let j = 0;
    let star = -1;
    let mark = 0;
    while (i < t.length) {
      if (j < p.length && (p[j] === '?' || p[j] === t[i])) {
        i++;
        j++;
      } else if (j < p.length && p[j] === '*') {
        star = j++;
        mark = i;
      } else if (star !== -1) {
        j = star + 1;
        i = ++mark;
      } else return false;
    }
    while (p[j] === '*') j++;
    return j === p.length;
  };
}

/** Beyond this many events a file node-ical cannot read as a whole is refused, not retried. */
const RETRY_ONE_BY_ONE_MAX = 300;

/**
 * UIDs with an occurrence ahead. When node-ical cannot read the whole file (one odd RRULE
 * aborts it), each event is read alone with the rest of the calendar minus the other events;
 * an event it still cannot read is kept, since dropping a meeting silently is worse.
 */
function upcomingKeys(cal: ScannedCalendar, text: string, now: Date): Set<string> {
  try {
    return upcomingUids(text, now);
  } catch (error) {
    if (!(error instanceof AppError) || cal.events.length > RETRY_ONE_BY_ONE_MAX) throw error;
  }
  const ahead = new Set<string>();
  const eventLines = new Set<number>();
  for (const ev of cal.events) for (let i = ev.begin; i <= ev.end; i++) eventLines.add(i);
  for (const ev of cal.events) {
    if (ev.uid === undefined || ahead.has(ev.uid)) continue;
    let alone = '';
    cal.lines.forEach((line, i) => {
      if (!eventLines.has(i) || (i >= ev.begin && i <= ev.end)) alone += line.raw;
    });
    try {
      if (upcomingUids(alone, now).has(ev.uid)) ahead.add(ev.uid);
    } catch {
      ahead.add(ev.uid);
    }
  }
  return ahead;
}

/** The reading budget: a check that throws payload_too_large once maxMs have passed. */
export function importBudget(options: Pick<ImportOptions, 'maxMs'>, nowMs: () => number) {
  const maxMs = options.maxMs ?? IMPORT_DEFAULTS.maxMs;
  const deadline = nowMs() + maxMs;
  return (): void => {
    if (nowMs() > deadline) {
      throw new AppError(
        'payload_too_large',
        `Reading this calendar took longer than ${Math.round(maxMs / 1000)} s; split it into smaller files.`,
      );
    }
  };
}

/** Chosen events sharing one link (a series and its overrides), and the title a new link gets. */
export interface ImportGroup {
  key: string;
  indexes: number[];
  title: string | null;
}

/** What reading the calendar decided, before the store is asked about any link. */
export interface ImportPlan {
  cal: ScannedCalendar;
  summary: ImportSummary;
  groups: ImportGroup[];
}

/**
 * The store-free part of an import (scan, filters, grouping): pure, so it can run off the
 * event loop. `now` decides what is upcoming; checkBudget stops a read that takes too long.
 */
export function planImport(
  text: string,
  options: ImportOptions,
  context: { publicUrl: string; now: Date; checkBudget: () => void },
): ImportPlan {
  const { checkBudget } = context;
  const ourPrefix = linkUrl(context.publicUrl, '');
  const cal = scanCalendar(text, {
    ourPrefix,
    maxEvents: options.maxEvents ?? IMPORT_DEFAULTS.maxEvents,
    checkBudget,
  });
  const upcoming = options.futureOnly ? upcomingKeys(cal, text, context.now) : undefined;
  checkBudget();
  const matches = options.summary ? globMatcher(options.summary) : undefined;

  const summary: ImportSummary = {
    events: cal.events.length,
    linked: 0,
    series: 0,
    newLinks: 0,
    alreadyLinked: 0,
    hadOtherCall: 0,
    filteredOut: 0,
  };
  // Chosen events grouped by UID (a series and its overrides share one link).
  const groups = new Map<string, number[]>();
  cal.events.forEach((ev: ScannedEvent, index) => {
    if ((index & 255) === 255) checkBudget();
    if (ev.call === 'ours') summary.alreadyLinked++;
    else if (ev.call === 'other' && options.mode === 'missing') summary.hadOtherCall++;
    else if (
      (options.attendeesOnly && !ev.hasAttendees) ||
      (matches && !matches(ev.summary)) ||
      (upcoming && ev.uid !== undefined && !upcoming.has(ev.uid))
    ) {
      summary.filteredOut++;
    } else {
      const key = eventKey(cal, ev);
      const group = groups.get(key);
      if (group) group.push(index);
      else groups.set(key, [index]);
    }
  });
  summary.series = groups.size;
  for (const g of groups.values()) summary.linked += g.length;

  const titleOf = (indexes: number[]) => {
    const evs = indexes.map((i) => cal.events[i] as ScannedEvent);
    const title = (evs.find((e) => !e.isOverride) ?? evs[0])?.summary.trim() ?? '';
    return title ? title.slice(0, 200) : null;
  };
  return {
    cal,
    summary,
    groups: [...groups].map(([key, indexes]) => ({ key, indexes, title: titleOf(indexes) })),
  };
}

/**
 * Groups linked per transaction (see linkGroups). Creating a link is two inserts and its view:
 * under load a batch of 200 new ones held the event loop 10-20 ms, a batch of 50 holds it a
 * quarter of that; the commits cost little (WAL, about 0.1-0.6 ms each here).
 */
export const LINK_BATCH = 50;

/** What linking needs of a group: its key, and the title a new link gets. */
export type GroupToLink = Pick<ImportGroup, 'key' | 'title'>;

/**
 * The link of each group, in the groups' order (reused when remembered, created when not), or
 * undefined when nothing is to be linked (a dry run counts the new ones into the summary).
 * Adds to summary.newLinks, so a plan may be linked in parts (the pool sends it in pages).
 */
export async function linkGroups(
  deps: LinkDeps,
  summary: ImportSummary,
  groups: readonly GroupToLink[],
  options: Pick<ImportOptions, 'dryRun' | 'onProgress'>,
  ownerId: string | null = null,
  progress: { before: number; total: number } = { before: 0, total: groups.length },
): Promise<string[] | undefined> {
  const scope = ownerId ?? '';
  if (options.dryRun) {
    const keys = groups.map((g) => g.key);
    const known = await deps.store.importLinks.getMany(scope, keys);
    summary.newLinks += keys.filter((k) => !known.get(k) || known.get(k)?.revoked).length;
    return undefined;
  }
  if (summary.linked === 0) return undefined;

  const ids: string[] = [];
  let done = progress.before;
  // In transactions of LINK_BATCH groups, with a turn for the event loop between them: one
  // transaction for 10,000 new links held the loop (and every join) for a quarter second.
  // Each batch is whole or not at all; a batch that fails leaves the ones before it, whose
  // links are remembered, so importing again reuses them and creates only the rest.
  for (let start = 0; start < groups.length; start += LINK_BATCH) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    const batch = groups.slice(start, start + LINK_BATCH);
    await deps.store.transaction(async (store) => {
      const txDeps: LinkDeps = { ...deps, store };
      const known = await store.importLinks.getMany(
        scope,
        batch.map((g) => g.key),
      );
      for (const { key, title } of batch) {
        const remembered = known.get(key);
        let id: string;
        if (remembered && !remembered.revoked) id = remembered.linkId;
        else {
          const view = await createLink(txDeps, { title }, ownerId);
          summary.newLinks++;
          id = await store.importLinks.put(scope, key, view.id, deps.clock.now(), {
            replace: remembered?.revoked === true,
          });
        }
        ids.push(id);
        options.onProgress?.(++done, progress.total);
      }
    });
  }
  return ids;
}

/** Each chosen event's link, by its index in the calendar, from its group's link id. */
export function linksOfGroups(
  groups: readonly Pick<ImportGroup, 'indexes'>[],
  ids: readonly string[],
  publicUrl: string,
  label: string | undefined,
): Map<number, CallLink> {
  const links = new Map<number, CallLink>();
  const shown = label ?? IMPORT_DEFAULTS.label;
  groups.forEach(({ indexes }, g) => {
    const url = linkUrl(publicUrl, ids[g] as string);
    for (const i of indexes) links.set(i, { url, label: shown });
  });
  return links;
}

/**
 * The store part of an import: one link per group (linkGroups), by event index. Undefined
 * when nothing is to be patched (a dry run, or no event chosen).
 */
export async function linkImport(
  deps: LinkDeps,
  plan: Pick<ImportPlan, 'summary' | 'groups'>,
  options: ImportOptions,
  ownerId: string | null = null,
): Promise<Map<number, CallLink> | undefined> {
  const ids = await linkGroups(deps, plan.summary, plan.groups, options, ownerId);
  return ids && linksOfGroups(plan.groups, ids, deps.publicUrl, options.label);
}

/** The calendar with the links written in, or unchanged when there are none. */
export function finishImport(
  text: string,
  cal: ScannedCalendar,
  links: ReadonlyMap<number, CallLink> | undefined,
): string {
  return links ? applyLinks(cal, links) : text;
}

export async function importCalendar(
  deps: LinkDeps,
  text: string,
  options: ImportOptions,
  ownerId: string | null = null,
): Promise<ImportResult> {
  const checkBudget = importBudget(options, () => deps.clock.now().getTime());
  const plan = planImport(text, options, {
    publicUrl: deps.publicUrl,
    now: deps.clock.now(),
    checkBudget,
  });
  const links = await linkImport(deps, plan, options, ownerId);
  return { text: finishImport(text, plan.cal, links), summary: plan.summary };
}
