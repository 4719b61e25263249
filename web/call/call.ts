/**
 * The call itself, loaded only after the checks passed: connects to LiveKit with the grant,
 * publishes the preview's tracks, and renders the grid, the controls and (for the host) the
 * lobby and participant panel.
 */
import {
  ConnectionError,
  ConnectionQuality,
  DisconnectReason,
  ExternalE2EEKeyProvider,
  Room,
  RoomEvent,
  Track,
  type Participant,
  type RemoteParticipant,
  type RemoteTrack,
} from 'livekit-client';
import E2EEWorker from 'livekit-client/e2ee-worker?worker';
import type { JoinPageData } from '../../src/adapters/http/join-page-data.js';
import type { Grant } from '../join/api.js';
import { el, setState, t, type PageState } from '../join/ui.js';
import { Controls } from './controls.js';
import { HostPanel } from './host-panel.js';
import { ParticipantList } from './participant-list.js';

export interface CallOptions {
  data: JoinPageData;
  grant: Grant;
  tracks: MediaStreamTrack[];
  listenOnly: boolean;
  speakerId?: string | undefined;
  e2eeKey?: string;
  hostKey?: string;
  canShareScreen: boolean;
  root: HTMLElement;
  onEnd(state: PageState, message: string, details?: string[]): void;
}

export class CallFullError extends Error {
  override name = 'CallFullError';
}

function tileFor(grid: HTMLElement, p: Participant): HTMLElement {
  const existing = grid.querySelector<HTMLElement>(
    `[data-participant="${CSS.escape(p.identity)}"]`,
  );
  if (existing) return existing;
  const tile = el(
    'figure',
    { class: 'tile', 'data-participant': p.identity },
    el('figcaption', {}, p.name || p.identity),
  );
  grid.append(tile);
  return tile;
}

function attach(grid: HTMLElement, track: RemoteTrack, p: RemoteParticipant): void {
  const tile = tileFor(grid, p);
  const media = track.attach();
  media.dataset.source = track.source;
  if (media instanceof HTMLVideoElement) {
    media.playsInline = true;
    media.setAttribute('aria-label', p.name || p.identity);
  }
  tile.classList.toggle(
    'has-video',
    tile.querySelector('video') !== null || track.kind === 'video',
  );
  tile.insertBefore(media, tile.querySelector('figcaption'));
}

export async function startCall(o: CallOptions): Promise<Room> {
  const keyProvider = o.e2eeKey ? new ExternalE2EEKeyProvider() : undefined;
  const room = new Room({
    adaptiveStream: true,
    dynacast: true,
    ...(keyProvider ? { encryption: { keyProvider, worker: new E2EEWorker() } } : {}),
  });
  const grid = el('div', { class: 'grid', id: 'grid' });
  const banner = el('p', { class: 'banner', role: 'alert', hidden: true }, t('reconnecting'));
  // Someone whose media stopped (their LiveKit node died, their network dropped) is said, not
  // left as a frozen tile: LiveKit reports their connection quality as lost.
  const peerLost = el('p', { class: 'banner', id: 'peer-lost', role: 'status', hidden: true });
  const lost = new Map<string, string>();
  const showLost = () => {
    const names = [...lost.values()];
    peerLost.textContent = names.map((name) => t('peer_lost', { name })).join(' ');
    peerLost.hidden = names.length === 0;
  };
  const list = new ParticipantList(room);
  let ended = false;

  room
    .on(RoomEvent.TrackSubscribed, (track, _pub, p) => attach(grid, track, p))
    .on(RoomEvent.TrackUnsubscribed, (track) => {
      for (const m of track.detach()) m.remove();
    })
    .on(RoomEvent.ParticipantConnected, (p) => {
      tileFor(grid, p);
      list.render();
    })
    .on(RoomEvent.ParticipantDisconnected, (p) => {
      grid.querySelector(`[data-participant="${CSS.escape(p.identity)}"]`)?.remove();
      // Gone while lost: say so a little longer, then drop them from the banner too.
      if (lost.has(p.identity)) {
        setTimeout(() => {
          if (!room.remoteParticipants.has(p.identity)) lost.delete(p.identity);
          showLost();
        }, 10_000);
      }
      list.render();
    })
    .on(RoomEvent.ConnectionQualityChanged, (quality, p) => {
      if (p === room.localParticipant) return;
      if (quality === ConnectionQuality.Lost) lost.set(p.identity, p.name || p.identity);
      else lost.delete(p.identity);
      showLost();
    })
    // A lost signal connection comes first (SignalReconnecting), a media restart after it.
    .on(RoomEvent.SignalReconnecting, () => (banner.hidden = false))
    .on(RoomEvent.Reconnecting, () => (banner.hidden = false))
    .on(RoomEvent.Reconnected, () => (banner.hidden = true))
    .on(RoomEvent.Disconnected, (reason) => {
      if (ended) return;
      ended = true;
      for (const m of document.querySelectorAll('#call video, #call audio')) m.remove();
      if (reason === DisconnectReason.PARTICIPANT_REMOVED) o.onEnd('ended', t('removed'));
      else if (reason === DisconnectReason.ROOM_DELETED || reason === DisconnectReason.ROOM_CLOSED)
        o.onEnd('ended', t('ended'));
      else if (reason === DisconnectReason.CLIENT_INITIATED) o.onEnd('ended', t('ended'));
      else o.onEnd('error', t('error'));
    });

  if (keyProvider && o.e2eeKey) await keyProvider.setKey(o.e2eeKey);
  try {
    await room.connect(o.grant.livekitUrl, o.grant.token, {
      ...(o.grant.iceServers ? { rtcConfig: { iceServers: o.grant.iceServers } } : {}),
    });
  } catch (error) {
    // A full room: the server refuses the join, or (v1.13.5) just closes the socket.
    if (error instanceof ConnectionError && /max|full|limit/i.test(error.message)) {
      throw new CallFullError(error.message);
    }
    throw error;
  }
  if (keyProvider) await room.setE2EEEnabled(true);
  if (o.speakerId) await room.switchActiveDevice('audiooutput', o.speakerId).catch(() => false);
  for (const p of room.remoteParticipants.values()) tileFor(grid, p);

  const localTile = el(
    'figure',
    { class: 'tile local', 'data-local': room.localParticipant.identity },
    el('figcaption', {}, `${room.localParticipant.name || ''} ${t('you')}`),
  );
  grid.prepend(localTile);
  if (!o.listenOnly) {
    await Promise.all(
      o.tracks.map((track) =>
        room.localParticipant.publishTrack(track, {
          source: track.kind === 'audio' ? Track.Source.Microphone : Track.Source.Camera,
        }),
      ),
    );
  }
  const showSelf = () => {
    localTile.querySelector('video')?.remove();
    const cam = room.localParticipant.getTrackPublication(Track.Source.Camera)?.videoTrack;
    if (cam && !cam.isMuted) localTile.prepend(cam.attach());
    localTile.classList.toggle('has-video', Boolean(cam && !cam.isMuted));
  };
  room
    .on(RoomEvent.LocalTrackPublished, showSelf)
    .on(RoomEvent.TrackMuted, showSelf)
    .on(RoomEvent.TrackUnmuted, showSelf);
  showSelf();

  const controls = new Controls(room, {
    listenOnly: o.listenOnly,
    canShareScreen: o.canShareScreen,
    onToggleList: () => list.toggle(),
  });
  const host =
    o.grant.host && o.hostKey ? new HostPanel(room, o.data.linkId, o.hostKey, list) : undefined;
  o.root.replaceChildren(
    banner,
    peerLost,
    grid,
    controls.element,
    list.element,
    host?.element ?? '',
  );
  o.root.hidden = false;
  setState('joined', t('joined'));
  controls.focus();
  addEventListener('pagehide', () => void room.disconnect());
  return room;
}
