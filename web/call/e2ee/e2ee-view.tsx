/**
 * What people see of the encryption: a line while this browser waits for the call's key, an
 * alert when LiveKit reports media it cannot decrypt, and each person's safety code in the
 * participant list.
 */
import type { Participant } from 'livekit-client';
import { useEffect, useState } from 'react';
import { t } from '../../join/ui.js';
import { useSession } from '../session.js';
import { Store, useStore } from '../state/store.js';
import type { E2eeStatus } from './status.js';
import './e2ee.css';

const NONE = new Store<E2eeStatus | undefined>(undefined);

export function E2eeBanner() {
  const { encryption } = useSession();
  const status = useStore(encryption?.status ?? NONE);
  if (!status || status.state === 'on') return null;
  if (status.state === 'waiting') {
    return (
      <p className="banner e2ee-banner" role="status" data-e2ee-banner="waiting">
        {t('e2ee_waiting_key')}
      </p>
    );
  }
  return (
    <p className="banner e2ee-banner error" role="alert" data-e2ee-banner="error">
      {status.failing.length > 0
        ? t('e2ee_error', { names: status.failing.join(', ') })
        : t('e2ee_error_someone')}
    </p>
  );
}

/** "Safety code 1234 5678 9012" for a remote person in an E2EE key-exchange call. */
export function SafetyCode({ p, name }: { p: Participant; name: string }) {
  const { exchange } = useSession();
  const [code, setCode] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    void exchange?.safetyCodeWith(p).then((c) => live && setCode(c));
    return () => {
      live = false;
    };
  }, [exchange, p, p.attributes]);
  if (!exchange || p.isLocal || !code) return null;
  return (
    <span className="safety-code" data-safety-code={code} title={t('safety_code_hint', { name })}>
      <span className="safety-label">{t('safety_code')}</span> <code>{code}</code>
      <span className="sr-only"> {t('safety_code_hint', { name })}</span>
    </span>
  );
}
