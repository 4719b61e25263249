/**
 * Teams and their subscription feeds. A feed URL carries a 256-bit secret that is stored only
 * as a hash; a team may hold several feeds so a leaked URL can be rotated out. The feed holds
 * the team's events from 90 days back and everything ahead; cancelled events stay 30 days as
 * STATUS:CANCELLED so subscribed calendars drop them.
 */
import { z } from 'zod';
import { googleSubscribeLink, webcalUrl } from '../add-to-calendar.js';
import { AppError } from '../errors.js';
import { buildFeed } from '../ics/build.js';
import { base64Url, linkUrl } from '../links.js';
import type { Clock, Ids, Store } from '../ports.js';
import type { Feed, Team } from '../store-ports.js';

export const FEED_PAST_DAYS = 90;
export const CANCELLED_KEEP_DAYS = 30;
const DAY = 86_400_000;

export const createTeamInput = z
  .object({
    name: z
      .string()
      // eslint-disable-next-line no-control-regex -- one line, no control characters
      .regex(/^[^\u0000-\u001f\u007f]*$/, 'must be one line without control characters')
      .trim()
      .min(1)
      .max(200),
  })
  .strict();

export interface FeedDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  publicUrl: string;
  /** SHA-256 hex of a secret (the adapters' hashSecret). */
  hashSecret: (secret: string) => string;
}

export interface FeedView {
  id: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface NewFeedView extends FeedView {
  url: string;
  webcalUrl: string;
  googleUrl: string;
}

export async function createTeam(
  deps: FeedDeps,
  name: string,
  ownerId: string | null = null,
): Promise<Team> {
  return deps.store.teams.insert({
    id: base64Url(deps.ids.randomBytes(12)),
    name,
    createdAt: deps.clock.now(),
    ownerId,
  });
}

export async function getTeam(deps: Pick<FeedDeps, 'store'>, id: string): Promise<Team> {
  const team = /^[\w-]{1,64}$/.test(id) ? await deps.store.teams.get(id) : undefined;
  if (!team) throw new AppError('not_found', 'No team has this id.');
  return team;
}

export const viewFeed = (f: Feed): FeedView => ({
  id: f.id,
  createdAt: f.createdAt.toISOString(),
  revokedAt: f.revokedAt ? f.revokedAt.toISOString() : null,
});

/** Makes a feed; its URL (with the secret) is shown this once and never again. */
export async function createFeed(deps: FeedDeps, teamId: string): Promise<NewFeedView> {
  const team = await getTeam(deps, teamId);
  const secret = base64Url(deps.ids.randomBytes(32));
  const feed = await deps.store.feeds.insert({
    id: base64Url(deps.ids.randomBytes(12)),
    teamId: team.id,
    secretHash: deps.hashSecret(secret),
    createdAt: deps.clock.now(),
  });
  const url = `${deps.publicUrl}/feeds/${secret}.ics`;
  return {
    ...viewFeed(feed),
    url,
    webcalUrl: webcalUrl(url),
    googleUrl: googleSubscribeLink(webcalUrl(url)),
  };
}

export async function revokeFeed(deps: FeedDeps, teamId: string, feedId: string): Promise<void> {
  if (!(await deps.store.feeds.revoke(teamId, feedId, deps.clock.now()))) {
    throw new AppError('not_found', 'This team has no such feed.');
  }
}

/** The feed a secret opens, or not_found: unknown, malformed and revoked secrets look alike. */
export async function openFeed(
  deps: Pick<FeedDeps, 'store' | 'hashSecret'>,
  secret: string,
): Promise<{ feed: Feed; team: Team }> {
  // Hash whatever came: the lookup is an indexed equality on the hash, so its time does not
  // depend on how much of a guessed secret is right.
  const found = await deps.store.feeds.findActiveByHash(deps.hashSecret(secret));
  if (!found) throw new AppError('not_found', 'No feed at this address.');
  return found;
}

/** What identifies one version of a team's feed: the team version and the window's day. */
export function feedVersion(team: Team, now: Date): { etag: string; lastModified: Date } {
  const day = Math.floor(now.getTime() / DAY);
  const dayStart = new Date(day * DAY);
  const changed = new Date(Math.floor(team.updatedAt.getTime() / 1000) * 1000);
  return {
    etag: `"v${team.version}-d${day}"`,
    lastModified: changed > dayStart ? changed : dayStart,
  };
}

type FeedInput = Parameters<typeof buildFeed>[0];

/** The feed's own time zone: the one most of its events are in (the first of those, on a tie). */
export function feedTimeZone(events: Readonly<FeedInput['events']>): string {
  const zones = new Map<string, number>();
  for (const { event } of events) zones.set(event.timeZone, (zones.get(event.timeZone) ?? 0) + 1);
  return [...zones].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'UTC';
}

/**
 * The team's feed events as of `now` (the window moves by day), a page at a time as the store
 * reads them: a worker can take each page as it comes, so the event loop never holds them all.
 */
export async function* teamFeedPages(
  deps: Pick<FeedDeps, 'store' | 'publicUrl'>,
  team: Team,
  now: Date,
): AsyncGenerator<FeedInput['events']> {
  const dayStart = Math.floor(now.getTime() / DAY) * DAY;
  const pages = deps.store.events.pagesForTeam(team.id, {
    since: new Date(dayStart - FEED_PAST_DAYS * DAY),
    cancelledSince: new Date(dayStart - CANCELLED_KEEP_DAYS * DAY),
  });
  for await (const page of pages) {
    yield page.map((event) => ({ event, linkUrl: linkUrl(deps.publicUrl, event.linkId) }));
  }
}

/** A feed's input from its events' pages, put together whole, its time zone from them all. */
export async function feedFromPages(
  name: string,
  pages: AsyncIterable<FeedInput['events']>,
): Promise<FeedInput> {
  const events: FeedInput['events'] = [];
  for await (const page of pages) for (const e of page) events.push(e);
  return { name, timeZone: feedTimeZone(events), events };
}

/** What buildFeed needs for the team's feed as of `now`: its events whole (see teamFeedPages). */
export function teamFeedInput(
  deps: Pick<FeedDeps, 'store' | 'publicUrl'>,
  team: Team,
  now: Date,
): Promise<FeedInput> {
  return feedFromPages(team.name, teamFeedPages(deps, team, now));
}

/** Builds the team's feed as of `now` (the window moves by day, see feedVersion). */
export async function buildTeamFeed(
  deps: Pick<FeedDeps, 'store' | 'publicUrl'>,
  team: Team,
  now: Date,
): Promise<string> {
  return buildFeed(await teamFeedInput(deps, team, now));
}
