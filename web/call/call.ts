/**
 * The call itself, loaded only after the checks passed: builds the Room (room.ts), attaches
 * callink's signals and chat before connecting, connects with the grant, publishes the
 * preview's tracks, and renders the call UI (React, LiveKit's components) into the page.
 * How a call ends is decided here, so the page says what really happened.
 */
import {
  ConnectionError,
  DisconnectReason,
  LocalAudioTrack,
  LocalVideoTrack,
  RoomEvent,
  Track,
} from 'livekit-client';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import type { JoinPageData } from '../../src/adapters/http/join-page-data.js';
import { hostApi, type Grant } from '../join/api.js';
import { setState, t, type PageState } from '../join/ui.js';
import { BlurControl } from './blur/blur-control.js';
import { MediaSwitch } from './controls/media-switch.js';
import { mountCallExtras } from './call-extras.js';
import { CallView } from './call-view.js';
import type { WrappedKey } from '../../src/core/e2ee.js';
import type { KeyPair } from './e2ee/crypto.js';
import { KeyExchange } from './e2ee/exchange.js';
import { EncryptionStatus } from './e2ee/status.js';
import { createCallRoom, passphraseKeys, startEncryption, type KeySetup } from './room.js';

export { prepareEncryption } from './room.js';
import type { CallSession } from './session.js';
import { Chat } from './state/chat.js';
import { Signals } from './state/signals.js';

export interface CallOptions {
  data: JoinPageData;
  grant: Grant;
  tracks: MediaStreamTrack[];
  listenOnly: boolean;
  /** What the person chose before joining (remembered by the preview). */
  micOn?: boolean;
  cameraOn?: boolean;
  speakerId?: string | undefined;
  e2eeKey?: string;
  /** A key exchange instead of the passphrase (the E2EE key-exchange hook). */
  keys?: KeySetup;
  /** An E2EE key-exchange call: this browser's key pair and the key handed over at admission. */
  exchange?: { me: KeyPair; admitted?: WrappedKey | undefined };
  hostKey?: string;
  canShareScreen: boolean;
  root: HTMLElement;
  onEnd(state: PageState, message: string, details?: string[], rejoinLabel?: string): void;
}

export class CallFullError extends Error {
  override name = 'CallFullError';
}

/** A call that ended with its room deleted: was the link revoked (410) or just the call ended? */
async function linkRevoked(linkId: string): Promise<boolean> {
  try {
    const res = await fetch(`/j/${encodeURIComponent(linkId)}`, { method: 'HEAD' });
    return res.status === 410;
  } catch {
    return false;
  }
}

export async function startCall(o: CallOptions): Promise<CallSession['room']> {
  const exchange = o.exchange
    ? new KeyExchange({
        roomName: o.grant.room,
        linkId: o.data.linkId,
        me: o.exchange.me,
        hostKey: o.grant.host ? o.hostKey : undefined,
        admitted: o.exchange.admitted,
      })
    : undefined;
  const keys = o.keys ?? exchange ?? (o.e2eeKey ? passphraseKeys(o.e2eeKey) : undefined);
  const call = createCallRoom(keys);
  const { room } = call;
  const encryption = exchange?.status ?? (keys ? new EncryptionStatus('on') : undefined);
  if (encryption && !exchange) encryption.watch(room);
  const signals = new Signals(room);
  const chat = new Chat(room, signals);
  const view = createRoot(o.root);
  let leaving = false;
  let ending = false;
  let ended = false;

  room.on(RoomEvent.Disconnected, (reason) => {
    if (ended) return;
    ended = true;
    view.unmount();
    for (const m of document.querySelectorAll('#call video, #call audio')) m.remove();
    document.title = o.data.title ? `${o.data.title} · callink` : 'callink';
    if (leaving) return o.onEnd('ended', t('left'), [], t('rejoin_call'));
    if (ending) return o.onEnd('ended', t('ended_by_you'));
    if (reason === DisconnectReason.PARTICIPANT_REMOVED) return o.onEnd('ended', t('removed'));
    if (reason === DisconnectReason.CLIENT_INITIATED) return o.onEnd('ended', t('ended'));
    // A deleted link closes its room, but LiveKit does not always say ROOM_DELETED (a loaded
    // server may drop the socket first): whatever the reason, ask whether the link is gone.
    void linkRevoked(o.data.linkId).then((revoked) => {
      if (revoked) return o.onEnd('revoked', t('revoked'), [t('revoked_hint')]);
      if (reason === DisconnectReason.ROOM_DELETED || reason === DisconnectReason.ROOM_CLOSED) {
        return o.onEnd('ended', t('ended'));
      }
      o.onEnd('error', t('call_lost'), [], t('rejoin_call'));
    });
  });

  await keys?.beforeConnect?.(room);
  try {
    await room.connect(o.grant.livekitUrl, o.grant.token, {
      ...(o.grant.iceServers ? { rtcConfig: { iceServers: o.grant.iceServers } } : {}),
    });
  } catch (error) {
    view.unmount();
    // A full room: the server refuses the join, or (v1.13.5) just closes the socket.
    if (error instanceof ConnectionError && /max|full|limit/i.test(error.message)) {
      throw new CallFullError(error.message);
    }
    throw error;
  }
  await startEncryption(call);
  if (o.speakerId) await room.switchActiveDevice('audiooutput', o.speakerId).catch(() => false);
  void signals.hello();

  // Published while the call is already on screen: others' video need not wait for ours.
  const published = o.listenOnly
    ? Promise.resolve()
    : Promise.all(
        o.tracks.map(async (media) => {
          const audio = media.kind === 'audio';
          // Wrapped as publishTrack would (constraints kept, so a device switch can restart
          // it), and muted before publishing: LiveKit then publishes it muted, and nothing of a
          // mic or camera switched off on the join page is ever sent. (Regression: they were
          // published on and muted after, so the others heard and saw them for a moment.)
          const off = audio ? o.micOn === false : o.cameraOn === false;
          media.enabled = !off;
          const track = audio
            ? new LocalAudioTrack(media, media.getConstraints(), true)
            : new LocalVideoTrack(media, media.getConstraints(), true);
          if (off) await track.mute();
          await room.localParticipant.publishTrack(track, {
            source: audio ? Track.Source.Microphone : Track.Source.Camera,
          });
        }),
      ).then(() => undefined);

  // What the switches show until the preview's tracks are published.
  const wants = (kind: 'audio' | 'video', on: boolean | undefined) =>
    !o.listenOnly && on !== false && o.tracks.some((media) => media.kind === kind);
  const api = o.hostKey ? hostApi(o.data.linkId, o.hostKey) : undefined;
  const session: CallSession = {
    room,
    data: o.data,
    grant: o.grant,
    signals,
    chat,
    encrypted: call.encrypted,
    exchange,
    encryption,
    listenOnly: o.listenOnly,
    published,
    mic: new MediaSwitch(room, Track.Source.Microphone, wants('audio', o.micOn), published),
    camera: new MediaSwitch(room, Track.Source.Camera, wants('video', o.cameraOn), published),
    canShareScreen: o.canShareScreen,
    blur: new BlurControl(room, published),
    hostKey: o.grant.host ? o.hostKey : undefined,
    leave() {
      leaving = true;
      void room.disconnect();
    },
    async endForAll() {
      if (!api) return;
      // Said before the server closes the room, so no "Reconnecting" flashes in between.
      ending = true;
      try {
        await api.end();
      } catch (error) {
        ending = false;
        throw error;
      }
      await room.disconnect();
    },
  };
  mountCallExtras(room, o.root, o.data.linkId, o.grant.host ? o.hostKey : undefined);
  o.root.hidden = false;
  const onReady = () => {
    if (!ended) setState('joined', t('joined'));
  };
  view.render(createElement(CallView, { session, isEnding: () => ending || leaving, onReady }));
  addEventListener('pagehide', () => void room.disconnect());
  await published;
  return room;
}
