/**
 * The agenda: upcoming occurrences of the organizer's events for four weeks (GET /api/agenda,
 * expanded by the server), grouped by day in the reader's zone, each with its call link and
 * a way to change or cancel that occurrence, and how its invitees answered ("3 invited: 2 yes ·
 * 1 no · 0 no answer"). Other features can add to each item's `[data-slot="rsvp"]` element
 * through `agendaExtras`.
 */
import { explain, missingRoute, type Api } from './api.js';
import type { AgendaAnswers, AgendaItem as CoreAgendaItem } from '../../src/core/agenda.js';
import { el, fill } from './dom.js';
import type { EventView } from './events.js';
import { intlLocale, t, zoneCity } from './i18n.js';
import { copyButton } from './share.js';

/**
 * What GET /api/agenda answers per occurrence: core's item with its link's address and its
 * invitees' answers (null without invitees).
 */
export type AgendaItem = CoreAgendaItem & { linkUrl: string; answers?: AgendaAnswers | null };

/** Fills an item's RSVP/attendance slot; other features push theirs here. */
export const agendaExtras: ((api: Api, item: AgendaItem, slot: HTMLElement) => void)[] = [];

export function agendaSection(
  api: Api,
  root: HTMLElement,
  onEdit: (event: EventView, occurrence?: string) => void,
): { refresh: () => Promise<void> } {
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const day = new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'full' });
  const time = new Intl.DateTimeFormat(intlLocale(), { timeStyle: 'short' });

  function row(item: AgendaItem): HTMLLIElement {
    const edit = el('button', { type: 'button', class: 'secondary' }, t('change'));
    edit.addEventListener('click', async () => {
      try {
        const ev = await api.get<EventView>(`/api/events/${encodeURIComponent(item.eventId)}`);
        onEdit(ev, item.recurring ? item.recurrenceId : undefined);
      } catch (error) {
        edit.after(el('span', { class: 'error', role: 'alert' }, explain(error)));
      }
    });
    const start = new Date(item.start);
    const end = new Date(item.end);
    const elsewhere =
      item.timeZone !== here
        ? ` (${new Intl.DateTimeFormat(intlLocale(), { timeStyle: 'short', timeZone: item.timeZone }).format(start)} ${zoneCity(item.timeZone)})`
        : '';
    const slot = el('div', { class: 'slot', 'data-slot': 'rsvp' });
    if (item.answers) {
      slot.append(el('small', { class: 'answers' }, t('agenda_answers', { ...item.answers })));
    }
    for (const fillSlot of agendaExtras) fillSlot(api, item, slot);
    return el(
      'li',
      {
        'data-event-id': item.eventId,
        'data-occurrence': item.recurrenceId,
        'data-local-start': item.localStart,
      },
      el(
        'div',
        { class: 'what' },
        el('span', { class: 'when' }, `${time.format(start)}–${time.format(end)}${elsewhere}`),
        el('strong', { class: 'clip', title: item.title }, item.title),
        el(
          'small',
          {},
          [item.recurring ? t('repeats') : null, item.changed ? t('occurrence_changed') : null]
            .filter(Boolean)
            .join(' · '),
        ),
        slot,
      ),
      el('div', { class: 'actions' }, copyButton(item.linkUrl), edit),
    );
  }

  async function refresh(): Promise<void> {
    try {
      const { items } = await api.get<{ items: AgendaItem[] }>('/api/agenda?days=28');
      if (items.length === 0) {
        fill(root, el('p', { class: 'empty' }, t('agenda_empty')));
        return;
      }
      const days = new Map<string, AgendaItem[]>();
      for (const item of items) {
        const key = day.format(new Date(item.start));
        days.set(key, [...(days.get(key) ?? []), item]);
      }
      fill(
        root,
        ...[...days].map(([label, list]) =>
          el(
            'section',
            { class: 'day', 'aria-label': label },
            el('h4', {}, label),
            el('ul', { class: 'items' }, ...list.map(row)),
          ),
        ),
      );
    } catch (error) {
      fill(
        root,
        el('p', { class: 'empty' }, missingRoute(error) ? t('agenda_empty') : explain(error)),
      );
    }
  }
  return { refresh };
}
