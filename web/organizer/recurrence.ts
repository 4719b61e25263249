/**
 * The repeat controls of the event form: none, daily, weekdays, weekly (with days), monthly
 * (by date or "second Tuesday"), yearly; every N; ends never, on a date or after N times.
 * The rule is built here, but what it makes is asked of the server (POST
 * /api/recurrence/preview, the same check as saving): the next five dates, the total, or the
 * server's reason for refusing it. The plain-language summary is drawn in the reader's language.
 */
import type { Api } from './api.js';
import { el, field, fill } from './dom.js';
import { formatLocal, intlLocale, t, zoneCity, type Key } from './i18n.js';

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
type Day = (typeof DAYS)[number];
type Repeat = 'none' | 'daily' | 'weekdays' | 'weekly' | 'monthly' | 'yearly';

export interface RepeatWhen {
  /** yyyy-MM-dd */
  date: string;
  /** HH:mm */
  time: string;
  end: string;
  timeZone: string;
}

export interface RecurrenceControl {
  root: HTMLElement;
  /** The RRULE to send, or null for a single event. */
  rule(): string | null;
  /** Sets the controls from a stored rule (editing), as far as they can show it. */
  set(rule: string | null): void;
  /** Redraws summary and preview (call when date, time or zone change). */
  update(): void;
}

/** Intl weekday name of a day code ("TU" → "Tuesday"/"mardi"), 2024-01-01 being a Monday. */
function dayName(day: Day, style: 'long' | 'short' = 'long'): string {
  const d = new Date(Date.UTC(2024, 0, 1 + DAYS.indexOf(day)));
  return new Intl.DateTimeFormat(intlLocale(), { weekday: style, timeZone: 'UTC' }).format(d);
}

function weekdayOf(date: string): Day {
  const d = new Date(`${date}T12:00:00Z`);
  return DAYS[(d.getUTCDay() + 6) % 7] ?? 'MO';
}

/** Which of its weekday in the month a date is: 1..4, or -1 for the last. */
function nthOf(date: string): number {
  const d = new Date(`${date}T12:00:00Z`);
  const day = d.getUTCDate();
  const daysInMonth = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  const nth = Math.ceil(day / 7);
  return nth >= 5 || day + 7 > daysInMonth ? (nth === 5 ? -1 : nth) : nth;
}

function nthText(date: string): string {
  const n = nthOf(date);
  return t(n === -1 ? 'nth_last' : (`nth_${n}` as Key));
}

function list(items: string[]): string {
  const ListFormat = (Intl as unknown as { ListFormat?: typeof Intl.ListFormat }).ListFormat;
  return ListFormat
    ? new ListFormat(intlLocale(), { style: 'long', type: 'conjunction' }).format(items)
    : items.join(', ');
}

export function recurrenceControl(api: Api, when: () => RepeatWhen): RecurrenceControl {
  const repeat = el(
    'select',
    { name: 'repeat' },
    ...(['none', 'daily', 'weekdays', 'weekly', 'monthly', 'yearly'] as const).map((r) =>
      el('option', { value: r }, t(`repeat_${r}` as Key)),
    ),
  );
  const interval = el('input', { type: 'number', name: 'interval', min: 1, max: 99, value: 1 });
  const unit = el('span', { class: 'unit' });
  const dayBoxes = DAYS.map((d) => {
    const input = el('input', { type: 'checkbox', name: 'byday', value: d });
    return {
      day: d,
      input,
      label: el('label', { class: 'day' }, input, ` ${dayName(d, 'short')}`),
    };
  });
  const days = el(
    'fieldset',
    { class: 'days' },
    el('legend', {}, t('repeat_on_days')),
    ...dayBoxes.map((b) => b.label),
  );
  const byDate = el('input', { type: 'radio', name: 'monthly', value: 'date', checked: true });
  const byWeekday = el('input', { type: 'radio', name: 'monthly', value: 'weekday' });
  const byDateLabel = el('span', {});
  const byWeekdayLabel = el('span', {});
  const monthly = el(
    'fieldset',
    { class: 'monthly' },
    el('legend', {}, t('repeat_monthly_how')),
    el('label', { class: 'check' }, byDate, ' ', byDateLabel),
    el('label', { class: 'check' }, byWeekday, ' ', byWeekdayLabel),
  );
  const never = el('input', { type: 'radio', name: 'ends', value: 'never', checked: true });
  const onDate = el('input', { type: 'radio', name: 'ends', value: 'until' });
  const after = el('input', { type: 'radio', name: 'ends', value: 'count' });
  const untilDate = el('input', { type: 'date', name: 'until', 'aria-label': t('ends_on_date') });
  const count = el('input', {
    type: 'number',
    name: 'count',
    min: 1,
    max: 1000,
    value: 10,
    'aria-label': t('ends_after_count'),
  });
  const ends = el(
    'fieldset',
    { class: 'ends' },
    el('legend', {}, t('ends')),
    el('label', { class: 'check' }, never, ` ${t('ends_never')}`),
    el('label', { class: 'check' }, onDate, ` ${t('ends_on')} `, untilDate),
    el('label', { class: 'check' }, after, ` ${t('ends_after')} `, count, ` ${t('ends_times')}`),
  );
  const summary = el('p', { class: 'summary', id: 'repeat-summary', 'aria-live': 'polite' });
  const preview = el('ol', {
    class: 'preview',
    id: 'repeat-preview',
    'aria-label': t('next_dates'),
  });
  const previewBox = el(
    'div',
    { class: 'preview-box' },
    el('p', { class: 'hint' }, t('next_dates')),
    preview,
  );
  const details = el(
    'div',
    { class: 'repeat-details' },
    el(
      'div',
      { class: 'row' },
      field(t('repeat_every'), el('span', { class: 'every' }, interval, ' ', unit)),
    ),
    days,
    monthly,
    ends,
  );
  const root = el(
    'div',
    { class: 'repeat' },
    field(t('repeat'), repeat),
    details,
    summary,
    previewBox,
  );

  function kind(): Repeat {
    return repeat.value as Repeat;
  }

  function rule(): string | null {
    const k = kind();
    if (k === 'none') return null;
    const { date } = when();
    const n = Math.max(1, Math.floor(Number(interval.value) || 1));
    const parts: string[] = [];
    if (k === 'daily') parts.push('FREQ=DAILY');
    else if (k === 'weekdays') parts.push('FREQ=WEEKLY', 'BYDAY=MO,TU,WE,TH,FR');
    else if (k === 'weekly') {
      const chosen = dayBoxes.filter((b) => b.input.checked).map((b) => b.day);
      parts.push('FREQ=WEEKLY', `BYDAY=${(chosen.length ? chosen : [weekdayOf(date)]).join(',')}`);
    } else if (k === 'monthly') {
      parts.push('FREQ=MONTHLY');
      if (byWeekday.checked) parts.push(`BYDAY=${nthOf(date)}${weekdayOf(date)}`);
      else parts.push(`BYMONTHDAY=${Number(date.slice(8, 10))}`);
    } else parts.push('FREQ=YEARLY');
    if (n > 1 && k !== 'weekdays') parts.push(`INTERVAL=${n}`);
    if (after.checked) parts.push(`COUNT=${Math.max(1, Math.floor(Number(count.value) || 1))}`);
    else if (onDate.checked && untilDate.value)
      parts.push(`UNTIL=${untilDate.value.replace(/-/g, '')}`);
    return `RRULE:${parts.join(';')}`;
  }

  function describe(): string {
    const k = kind();
    const { date, time, timeZone } = when();
    const n = Math.max(1, Math.floor(Number(interval.value) || 1));
    let what: string;
    if (k === 'daily') what = t('sum_daily', { n });
    else if (k === 'weekdays') what = t('sum_weekdays');
    else if (k === 'weekly') {
      const chosen = dayBoxes.filter((b) => b.input.checked).map((b) => b.day);
      what = t('sum_weekly', {
        n,
        days: list((chosen.length ? chosen : [weekdayOf(date)]).map((d) => dayName(d))),
      });
    } else if (k === 'monthly') {
      what = byWeekday.checked
        ? t('sum_monthly_weekday', { n, nth: nthText(date), day: dayName(weekdayOf(date)) })
        : t('sum_monthly_date', { n, date: Number(date.slice(8, 10)) });
    } else {
      const d = new Date(`${date}T12:00:00Z`);
      const dayMonth = new Intl.DateTimeFormat(intlLocale(), {
        day: 'numeric',
        month: 'long',
        timeZone: 'UTC',
      }).format(d);
      what = t('sum_yearly', { n, date: dayMonth });
    }
    const at = t('sum_at', {
      what,
      time: formatLocal(`${date}T${time}`, 'time'),
      zone: zoneCity(timeZone),
    });
    if (after.checked)
      return `${at}, ${t('sum_count', { count: Math.floor(Number(count.value) || 1) })}`;
    if (onDate.checked && untilDate.value)
      return `${at}, ${t('sum_until', { date: formatLocal(`${untilDate.value}T00:00`, 'date') })}`;
    return at;
  }

  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  async function ask(): Promise<void> {
    const r = rule();
    const mine = ++seq;
    if (!r) return;
    const w = when();
    try {
      const res = await api.post<{
        occurrences: { start: string }[];
        total: number | null;
      }>('/api/recurrence/preview', {
        start: `${w.date}T${w.time}:00`,
        end: w.end,
        timeZone: w.timeZone,
        recurrence: r,
      });
      if (mine !== seq) return;
      root.dataset.valid = 'yes';
      fill(
        preview,
        ...res.occurrences.map((o) => el('li', { 'data-start': o.start }, formatLocal(o.start))),
        res.total !== null && res.total > res.occurrences.length
          ? el(
              'li',
              { class: 'more' },
              t('preview_more', { count: res.total - res.occurrences.length }),
            )
          : null,
      );
      preview.dataset.total = res.total === null ? 'endless' : String(res.total);
    } catch (error) {
      if (mine !== seq) return;
      root.dataset.valid = 'no';
      fill(preview, el('li', { class: 'error', role: 'alert' }, explainRule(error)));
    }
  }

  function update(): void {
    const k = kind();
    const w = when();
    details.hidden = k === 'none';
    previewBox.hidden = k === 'none';
    summary.hidden = k === 'none';
    days.hidden = k !== 'weekly';
    monthly.hidden = k !== 'monthly';
    interval.disabled = k === 'weekdays';
    unit.textContent = t(`unit_${k === 'weekdays' ? 'weekly' : k}` as Key, {
      n: Math.floor(Number(interval.value) || 1),
    });
    if (w.date) {
      byDateLabel.textContent = t('monthly_by_date', { date: Number(w.date.slice(8, 10)) });
      byWeekdayLabel.textContent = t('monthly_by_weekday', {
        nth: nthText(w.date),
        day: dayName(weekdayOf(w.date)),
      });
    }
    if (k === 'none') {
      delete root.dataset.valid;
      fill(preview);
      return;
    }
    summary.textContent = describe();
    clearTimeout(timer);
    timer = setTimeout(() => void ask(), 250);
  }

  for (const input of [
    repeat,
    interval,
    byDate,
    byWeekday,
    never,
    onDate,
    after,
    untilDate,
    count,
    ...dayBoxes.map((b) => b.input),
  ]) {
    input.addEventListener('input', update);
    input.addEventListener('change', update);
  }
  repeat.addEventListener('change', () => {
    // Weekly starts from the event's own weekday, as calendars do.
    if (kind() === 'weekly' && !dayBoxes.some((b) => b.input.checked)) {
      const day = weekdayOf(when().date);
      for (const b of dayBoxes) b.input.checked = b.day === day;
    }
    update();
  });
  untilDate.addEventListener('focus', () => (onDate.checked = true));
  count.addEventListener('focus', () => (after.checked = true));

  function set(text: string | null): void {
    const parts = new Map(
      (text ?? '')
        .replace(/^RRULE:/, '')
        .split(';')
        .filter(Boolean)
        .map((p) => p.split('=') as [string, string]),
    );
    const freq = parts.get('FREQ');
    const byday = parts.get('BYDAY');
    interval.value = parts.get('INTERVAL') ?? '1';
    if (!freq) repeat.value = 'none';
    else if (freq === 'DAILY') repeat.value = 'daily';
    else if (freq === 'WEEKLY' && byday === 'MO,TU,WE,TH,FR' && !parts.has('INTERVAL'))
      repeat.value = 'weekdays';
    else if (freq === 'WEEKLY') {
      repeat.value = 'weekly';
      const chosen = new Set((byday ?? '').split(','));
      for (const b of dayBoxes) b.input.checked = chosen.has(b.day);
    } else if (freq === 'MONTHLY') {
      repeat.value = 'monthly';
      byWeekday.checked = byday !== undefined;
      byDate.checked = byday === undefined;
    } else repeat.value = 'yearly';
    const c = parts.get('COUNT');
    const u = parts.get('UNTIL');
    if (c) {
      after.checked = true;
      count.value = c;
    } else if (u) {
      onDate.checked = true;
      untilDate.value = `${u.slice(0, 4)}-${u.slice(4, 6)}-${u.slice(6, 8)}`;
    } else never.checked = true;
    update();
  }

  update();
  return { root, rule, set, update };
}

/** The server's refusal, in the reader's language where we know the reason. */
function explainRule(error: unknown): string {
  const e = error as { code?: string; message?: string };
  if (e.code === 'invalid_recurrence') {
    if (/start on an occurrence|does not include/.test(e.message ?? ''))
      return t('rule_start_not_included');
    if (/more than|COUNT must/.test(e.message ?? '')) return t('rule_too_many');
    if (/UNTIL is before/.test(e.message ?? '')) return t('rule_until_before');
    if (/years/.test(e.message ?? '')) return t('rule_too_long');
    return t('rule_invalid');
  }
  if (e.code === 'invalid_time_zone') return t('err_time_zone');
  if (e.code === 'invalid_time_range' || e.code === 'validation_failed') return t('err_time');
  return t('err_generic');
}
