/**
 * "Add to calendar" links for people without an invite: Google Calendar's and Outlook web's
 * event templates, and a subscription link for feeds.
 */
import type { CalendarEvent } from './events.js';
import { describe } from './ics/build.js';
import { isAllDay } from './ics/event-dates.js';
import { zonedTime } from './zone-time.js';

// Local times resolved as RFC 5545 §3.3.5 says (the first of two, a gap moved forward), the
// same instants every calendar reads from the invite; all-day events as dates, end exclusive.
const utc = (local: string, zone: string) =>
  local.length === 10
    ? local.replace(/-/g, '')
    : zonedTime(local, zone).toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'");
const iso = (local: string, zone: string) =>
  local.length === 10
    ? local
    : (zonedTime(local, zone).toUTC().toISO({ suppressMilliseconds: true }) ?? '');

export interface AddToCalendar {
  google: string;
  outlook: string;
  office365: string;
}

export function addToCalendarLinks(event: CalendarEvent, linkUrl: string): AddToCalendar {
  const details = describe(linkUrl, event.description, event.language).plain;
  const google = new URLSearchParams({
    action: 'TEMPLATE',
    text: event.title,
    dates: `${utc(event.start, event.timeZone)}/${utc(event.end, event.timeZone)}`,
    ctz: event.timeZone,
    details,
    location: linkUrl,
  });
  if (event.recurrence) google.set('recur', event.recurrence);
  const outlook = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: event.title,
    startdt: iso(event.start, event.timeZone),
    enddt: iso(event.end, event.timeZone),
    body: details,
    location: linkUrl,
  });
  if (isAllDay(event)) outlook.set('allday', 'true');
  return {
    google: `https://calendar.google.com/calendar/render?${google}`,
    outlook: `https://outlook.live.com/calendar/0/deeplink/compose?${outlook}`,
    office365: `https://outlook.office.com/calendar/0/deeplink/compose?${outlook}`,
  };
}

/** Google Calendar's "add by URL" for a feed (it wants the webcal form). */
export function googleSubscribeLink(webcalUrl: string): string {
  return `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcalUrl)}`;
}

export function webcalUrl(httpUrl: string): string {
  return httpUrl.replace(/^https?:\/\//, 'webcal://');
}
