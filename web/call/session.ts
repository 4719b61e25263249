/** Everything the call's components share, handed down through one React context. */
import type { Room } from 'livekit-client';
import { createContext, useContext } from 'react';
import type { JoinPageData } from '../../src/adapters/http/join-page-data.js';
import type { BlurControl } from './blur/blur-control.js';
import type { MediaSwitch } from './controls/media-switch.js';
import type { Grant } from '../join/api.js';
import type { KeyExchange } from './e2ee/exchange.js';
import type { EncryptionStatus } from './e2ee/status.js';
import type { Chat } from './state/chat.js';
import type { Signals } from './state/signals.js';

export interface CallSession {
  room: Room;
  data: JoinPageData;
  grant: Grant;
  signals: Signals;
  chat: Chat;
  encrypted: boolean;
  /** The key exchange of an E2EE call (absent for passphrase and plain calls). */
  exchange?: KeyExchange | undefined;
  /** Waiting for the key, encrypted, or decryption errors (any E2EE call). */
  encryption?: EncryptionStatus | undefined;
  listenOnly: boolean;
  /** Settles once the preview's tracks are published (the mic and camera toggles wait for it). */
  published: Promise<void>;
  /** The mic and camera switches (the buttons and the M and V keys). */
  mic: MediaSwitch;
  camera: MediaSwitch;
  canShareScreen: boolean;
  /** Background blur of one's own camera (loaded only when turned on). */
  blur: BlurControl;
  /** The host key when this person is a host (authorises lobby, remove, end). */
  hostKey: string | undefined;
  /** Leave: the others stay in the call. */
  leave(): void;
  /** End for everyone (host only, after confirmation). */
  endForAll(): Promise<void>;
}

export const SessionContext = createContext<CallSession | null>(null);

export function useSession(): CallSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the call');
  return session;
}
