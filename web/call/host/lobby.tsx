/**
 * The host's view of the lobby: people knocking (polled every ~2 s) shown as cards over the
 * call with Admit and Deny, a short tone and a browser notification (when granted) for each
 * new knock, and the knock count for the tab title.
 */
import { useEffect, useRef, useState } from 'react';
import { hostApi, type Knock } from '../../join/api.js';
import { t } from '../../join/ui.js';
import { useSession } from '../session.js';
import { Store, useStore } from '../state/store.js';
import type { E2eeStatus } from '../e2ee/status.js';

const NO_STATUS = new Store<E2eeStatus | undefined>(undefined);

type HostApi = ReturnType<typeof hostApi>;

/** Two soft notes through Web Audio: no sound file to ship, nothing to fetch. */
function knockTone(): void {
  try {
    const ctx = new AudioContext();
    const gain = ctx.createGain();
    gain.gain.value = 0.08;
    gain.connect(ctx.destination);
    [660, 880].forEach((hz, i) => {
      const osc = ctx.createOscillator();
      osc.frequency.value = hz;
      osc.connect(gain);
      osc.start(ctx.currentTime + i * 0.18);
      osc.stop(ctx.currentTime + i * 0.18 + 0.15);
    });
    setTimeout(() => void ctx.close().catch(() => undefined), 800);
  } catch {
    // No audio output: the card and the title still say it.
  }
}

function notify(name: string): void {
  if (typeof Notification !== 'function' || Notification.permission !== 'granted') return;
  if (document.visibilityState === 'visible' && document.hasFocus()) return;
  try {
    new Notification(t('knock', { name }), { tag: 'callink-knock' });
  } catch {
    // Some browsers only allow notifications from a service worker.
  }
}

export function useLobby(): { knocks: Knock[]; api: HostApi | undefined } {
  const { data, hostKey, room } = useSession();
  const [knocks, setKnocks] = useState<Knock[]>([]);
  const seen = useRef(new Set<string>());
  const api = useRef(hostKey ? hostApi(data.linkId, hostKey) : undefined).current;

  useEffect(() => {
    if (!api) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const poll = async () => {
      if (stopped || room.state === 'disconnected') return;
      const waiting = await api.lobby().catch(() => []);
      if (stopped) return;
      const fresh = waiting.filter((k) => !seen.current.has(k.ticket));
      for (const k of fresh) seen.current.add(k.ticket);
      if (fresh.length > 0) {
        knockTone();
        for (const k of fresh) notify(k.name);
      }
      setKnocks((old) =>
        old.map((k) => k.ticket).join() === waiting.map((k) => k.ticket).join() ? old : waiting,
      );
      timer = setTimeout(() => void poll(), 2000);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, room]);

  return { knocks, api };
}

export function KnockCards({ knocks, api }: { knocks: Knock[]; api: HostApi | undefined }) {
  const { exchange, encryption } = useSession();
  const keyReady = useStore(encryption?.status ?? NO_STATUS)?.state !== 'waiting' || !exchange;
  const [decided, setDecided] = useState(new Set<string>());
  const [askPermission, setAskPermission] = useState(
    typeof Notification === 'function' && Notification.permission === 'default',
  );
  /** Knocks whose admission or denial failed, and which: said on their card until tried again. */
  const [failed, setFailed] = useState(new Map<string, 'admit' | 'deny'>());
  const open = knocks.filter((k) => !decided.has(k.ticket));
  if (!api || open.length === 0) return null;
  const decide = (k: Knock, verdict: 'admit' | 'deny') => {
    setDecided((s) => new Set(s).add(k.ticket));
    setFailed((m) => new Map([...m].filter(([ticket]) => ticket !== k.ticket)));
    void (async () => {
      // An E2EE call: the room key goes with the admission, wrapped for this guest's key only.
      const key =
        verdict === 'admit' && exchange && k.publicKey
          ? await exchange.wrapFor(k.publicKey)
          : undefined;
      await api.decide(k.ticket, verdict, key ? { key } : {});
    })().catch(() => {
      // The card comes back, saying what failed, so the host can try again.
      setDecided((s) => new Set([...s].filter((x) => x !== k.ticket)));
      setFailed((m) => new Map(m).set(k.ticket, verdict));
    });
  };
  return (
    <section className="knocks" aria-label={t('lobby_waiting')}>
      <h2 className="sr-only">{t('lobby_waiting')}</h2>
      <ul>
        {open.map((k) => (
          <li key={k.ticket} data-knock={k.ticket}>
            <span>{t('knock', { name: k.name })}</span>
            {failed.has(k.ticket) && (
              <span className="knock-error" role="alert">
                {t(failed.get(k.ticket) === 'admit' ? 'admit_failed' : 'deny_failed', {
                  name: k.name,
                })}
              </span>
            )}
            <span className="knock-actions">
              <button
                type="button"
                aria-label={`${t('admit')} ${k.name}`}
                disabled={!keyReady}
                title={keyReady ? undefined : t('e2ee_admit_wait')}
                onClick={() => decide(k, 'admit')}
              >
                {t('admit')}
              </button>
              <button
                type="button"
                className="secondary"
                aria-label={`${t('deny')} ${k.name}`}
                onClick={() => decide(k, 'deny')}
              >
                {t('deny')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {askPermission && (
        <button
          type="button"
          className="quiet"
          onClick={() => {
            void Notification.requestPermission().finally(() => setAskPermission(false));
          }}
        >
          {t('notify_knocks')}
        </button>
      )}
    </section>
  );
}
