/**
 * Runs in headless Chromium: a bare livekit-client participant that tests drive through
 * window.callinkTest (no UI). Bundled by test/support/browser-participant.ts.
 */
import { Room, RoomEvent } from 'livekit-client';

interface Outcome {
  ok: boolean;
  room?: string;
  identity?: string;
  message?: string;
  reason?: number;
}

const events: unknown[] = [];
let room: Room | undefined;

const api = {
  events,
  async join(url: string, token: string, iceServers: RTCIceServer[]): Promise<Outcome> {
    room = new Room();
    room.on(RoomEvent.Disconnected, (reason) => events.push({ type: 'disconnected', reason }));
    room.on(RoomEvent.DataReceived, (payload, _p, _k, topic) =>
      events.push({ type: 'data', topic, data: JSON.parse(new TextDecoder().decode(payload)) }),
    );
    room.on(RoomEvent.TrackMuted, (pub, p) =>
      events.push({ type: 'muted', kind: pub.kind, local: p === room?.localParticipant }),
    );
    try {
      await room.connect(url, token, { rtcConfig: { iceServers } });
      return { ok: true, room: room.name, identity: room.localParticipant.identity };
    } catch (error) {
      const e = error as { message?: string; reason?: number };
      return { ok: false, message: String(e.message ?? error), reason: e.reason ?? -1 };
    }
  },
  async publishAudio(): Promise<void> {
    await room?.localParticipant.setMicrophoneEnabled(true);
  },
  /** Sends text on a topic straight through livekit-client: a client with no page rules. */
  async sendText(topic: string, text: string): Promise<void> {
    await room?.localParticipant.sendText(text, { topic });
  },
  connected: () => room?.state === 'connected',
  async leave(): Promise<void> {
    await room?.disconnect();
  },
};

(globalThis as unknown as { callinkTestApi: () => typeof api }).callinkTestApi = () => api;
