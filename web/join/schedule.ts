/**
 * The page of a call that is not open yet: "This meeting starts at 10:00 (in 14 minutes); the
 * call opens at 09:55", in the reader's own time zone and language, counting down by itself
 * and moving on when the call opens. Times are read against the server's clock (sent with the
 * page), so a visitor whose clock is off still gets in on time.
 */
import { el, setState, t } from './ui.js';

export interface ClosedCall {
  opensAt: string | null;
  startsAt: string | null;
  title: string | null;
}

/** Server time minus local time, measured when the page was rendered. */
export function clockSkew(serverNow: string | undefined): number {
  const server = serverNow ? Date.parse(serverNow) : NaN;
  return Number.isNaN(server) ? 0 : server - Date.now();
}

/** Times as the reader's browser writes them (en-GB 16:00, en-US 4:00 PM), in their zone. */
function clock(at: Date, lang: string, withDay: boolean): string {
  const locales = navigator.language.startsWith(lang) ? [navigator.language] : [lang];
  return new Intl.DateTimeFormat(locales, {
    hour: '2-digit',
    minute: '2-digit',
    ...(withDay ? { weekday: 'short', day: 'numeric', month: 'short' } : {}),
  }).format(at);
}

function until(ms: number, lang: string): string {
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'always' });
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 60) return rtf.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return rtf.format(hours, 'hour');
  return rtf.format(Math.round(hours / 24), 'day');
}

/**
 * Shows the countdown until the call opens, then calls `onOpen` (once). Returns a stop
 * function for when the page moves on some other way.
 */
export function showCountdown(
  closed: ClosedCall,
  skewMs: number,
  lang: string,
  onOpen: () => void,
): () => void {
  const opensAt = closed.opensAt ? new Date(closed.opensAt) : undefined;
  const startsAt = closed.startsAt ? new Date(closed.startsAt) : undefined;
  if (!opensAt || !startsAt) {
    setState('scheduled', t('scheduled_none'));
    return () => undefined;
  }
  const now = () => Date.now() + skewMs;
  const otherDay = new Date(now()).toDateString() !== startsAt.toDateString();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const line = el('p', { class: 'countdown', 'aria-hidden': 'true' });
  const render = () => {
    const left = opensAt.getTime() - now();
    if (left <= 0) {
      onOpen();
      return;
    }
    setState(
      'scheduled',
      t('scheduled', {
        start: clock(startsAt, lang, otherDay),
        in: until(startsAt.getTime() - now(), lang),
        opens: clock(opensAt, lang, otherDay),
      }),
      [line, t('scheduled_hint')],
    );
    const s = Math.ceil(left / 1000);
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    line.textContent = `${h > 0 ? `${h}:` : ''}${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(s % 60).padStart(2, '0')}`;
    timer = setTimeout(render, 1000 - (now() % 1000) + 5);
  };
  render();
  return () => clearTimeout(timer);
}
