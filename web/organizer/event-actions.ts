/**
 * Changing and cancelling events from the page. A single event, or a whole series, is
 * PATCHed (SEQUENCE rises, attendees get the update mail); for one occurrence of a series the
 * organizer picks: only this one (an override), this and following (the series is split, same
 * link) or all. Cancelling sends the CANCEL (the server mails it).
 */
import { explain, type Api, type LinkView } from './api.js';
import { el, fill, say } from './dom.js';
import { eventFields } from './event-form.js';
import type { EventView } from './events.js';
import { formatLocal, t } from './i18n.js';

export type Scope = 'this' | 'following' | 'all';

const path = (ev: EventView) => `/api/events/${encodeURIComponent(ev.id)}`;
const occurrencePath = (ev: EventView, occurrence: string) =>
  `${path(ev)}/occurrences/${encodeURIComponent(occurrence)}`;

/** Whether two rules say the same (parts in any order). */
function sameRule(a: string | null, b: string | null): boolean {
  const parts = (r: string | null) =>
    (r ?? '')
      .replace(/^RRULE:/, '')
      .split(';')
      .filter(Boolean)
      .sort()
      .join(';');
  return parts(a) === parts(b);
}

/** Local start and end of an occurrence: the series' time of day on the occurrence's date. */
function occurrenceTimes(ev: EventView, occurrence: string): { start: string; end: string } {
  const moved = ev.occurrences?.find((o) => o.recurrenceId === occurrence && o.start);
  const start = moved?.start ?? occurrence;
  const length = Date.parse(`${ev.end}Z`) - Date.parse(`${ev.start}Z`);
  const end = new Date(Date.parse(`${start}Z`) + length).toISOString().slice(0, 19);
  return { start, end };
}

export function editForm(
  api: Api,
  ev: EventView,
  options: {
    occurrence?: string | undefined;
    links: LinkView[];
    teams: { id: string; name: string }[];
    onDone: (changed: EventView | null) => void;
  },
): HTMLElement {
  const box = el('div', { class: 'card edit', id: 'event-edit' });
  const recurring = Boolean(ev.recurrence) && options.occurrence !== undefined;

  function draw(scope: Scope): void {
    const fields = eventFields(api, ev.organizer ?? {}, { occurrenceOnly: scope === 'this' });
    fields.offerLinks(options.links);
    fields.offerTeams(options.teams);
    const times =
      scope === 'all' || options.occurrence === undefined
        ? { start: ev.start, end: ev.end }
        : occurrenceTimes(ev, options.occurrence);
    fields.set({
      title: ev.title,
      start: times.start,
      end: times.end,
      timeZone: ev.timeZone,
      ...(ev.organizer ? { organizer: ev.organizer } : {}),
      attendees: ev.attendees,
      description: ev.description ?? null,
      recurrence: ev.recurrence ?? null,
      linkId: ev.linkId,
      teamId: ev.teamId ?? '',
    });
    const status = el('p', { role: 'status', class: 'status' });
    const scopes = recurring
      ? el(
          'fieldset',
          { class: 'scope' },
          el('legend', {}, t('scope_legend')),
          ...(['this', 'following', 'all'] as const).map((s) => {
            const input = el('input', {
              type: 'radio',
              name: 'scope',
              value: s,
              checked: s === scope,
            });
            input.addEventListener('change', () => draw(s));
            return el('label', { class: 'check' }, input, ` ${t(`scope_${s}`)}`);
          }),
        )
      : null;
    const cancel = el('button', { type: 'button', class: 'secondary' }, t('close'));
    cancel.addEventListener('click', () => options.onDone(null));
    const form = el(
      'form',
      { 'aria-label': t('edit_event') },
      el(
        'h3',
        {},
        options.occurrence
          ? t('edit_occurrence_heading', { date: formatLocal(options.occurrence) })
          : t('edit_event'),
      ),
      scopes,
      ...fields.nodes,
      el(
        'div',
        { class: 'actions' },
        el('button', { type: 'submit' }, t('save_changes')),
        cancel,
        options.occurrence
          ? cancelButton(api, ev, options.occurrence, () => options.onDone(null), scope)
          : null,
      ),
      status,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const read = fields.values();
      if (!read.ok) {
        say(status, t('attendees_bad', { list: read.bad.join(', ') }), 'error');
        return;
      }
      const v = read.values;
      say(status, t('saving'));
      try {
        let changed: EventView;
        if (scope === 'this' && options.occurrence) {
          changed = await api.patch<EventView>(occurrencePath(ev, options.occurrence), {
            title: v.title,
            start: v.start,
            end: v.end,
            description: v.description,
          });
        } else {
          // Unchanged, the rule is left to the server: it knows how many meetings are left.
          const keepRule = scope === 'following' && sameRule(v.recurrence, ev.recurrence ?? null);
          const body = {
            title: v.title,
            start: v.start,
            end: v.end,
            timeZone: v.timeZone,
            organizer: v.organizer,
            attendees: v.attendees,
            description: v.description,
            ...(keepRule ? {} : { recurrence: v.recurrence }),
            teamId: v.teamId || null,
            ...(v.linkId ? { linkId: v.linkId } : {}),
          };
          changed =
            scope === 'following' && options.occurrence
              ? (
                  await api.post<{ after: EventView }>(
                    `${occurrencePath(ev, options.occurrence)}/split`,
                    body,
                  )
                ).after
              : await api.patch<EventView>(path(ev), body);
        }
        options.onDone(changed);
      } catch (error) {
        say(status, explain(error), 'error');
      }
    });
    fill(box, form);
  }
  draw(recurring ? 'this' : 'all');
  return box;
}

/**
 * Cancels the event, one occurrence, or an occurrence and all that follow (the series then ends
 * before it), after asking; attendees get the CANCEL, or the update with the shortened rule.
 */
export function cancelButton(
  api: Api,
  ev: EventView,
  occurrence: string | undefined,
  onDone: () => void,
  scope: Scope = 'this',
): HTMLButtonElement {
  const what: 'event' | 'occurrence' | 'following' | 'series' = !occurrence
    ? 'event'
    : scope === 'this'
      ? 'occurrence'
      : scope === 'following'
        ? 'following'
        : 'series';
  const button = el(
    'button',
    { type: 'button', class: 'danger' },
    t(
      (
        {
          event: 'cancel_event',
          occurrence: 'cancel_occurrence',
          following: 'cancel_following',
          series: 'cancel_series',
        } as const
      )[what],
    ),
  );
  button.addEventListener('click', async () => {
    const date = occurrence ? formatLocal(occurrence) : '';
    const question =
      what === 'occurrence'
        ? t('confirm_cancel_occurrence', { title: ev.title, date })
        : what === 'following'
          ? t('confirm_cancel_following', { title: ev.title, date })
          : t('confirm_cancel_event', { title: ev.title });
    if (!window.confirm(question)) return;
    try {
      await api.del(
        what === 'occurrence' && occurrence
          ? occurrencePath(ev, occurrence)
          : what === 'following' && occurrence
            ? `${occurrencePath(ev, occurrence)}/following`
            : path(ev),
      );
      onDone();
    } catch (error) {
      button.after(el('span', { class: 'error', role: 'alert' }, explain(error)));
    }
  });
  return button;
}
