/**
 * Chat over LiveKit text streams (topic callink.chat; encrypted with the call under E2EE).
 * Hand-written rather than LiveKit's useChat, which keeps no history for late joiners, has no
 * rate limit and cannot be switched off by a host. A newcomer's "hello" is answered with the
 * history by one participant already in the call (the one with the smallest identity).
 * Messages are plain text: the view renders them as text nodes, never as HTML.
 */
import { RoomEvent, type Participant, type RemoteParticipant, type Room } from 'livekit-client';
import { SIGNAL_TOPIC, displayName, type Signals } from './signals.js';
import { RateLimit, Store } from './store.js';

export const CHAT_TOPIC = 'callink.chat';
export const HISTORY_TOPIC = 'callink.chat-history';
export const MAX_MESSAGE_LENGTH = 2000;
const HISTORY_LIMIT = 200;

export interface ChatMessage {
  id: string;
  identity: string;
  name: string;
  text: string;
  at: number;
}

function isMessage(value: unknown): value is ChatMessage {
  const m = value as Partial<ChatMessage> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.id === 'string' &&
    typeof m.identity === 'string' &&
    typeof m.name === 'string' &&
    typeof m.text === 'string' &&
    typeof m.at === 'number'
  );
}

/**
 * The sender of something that just arrived: known now, or once the server says they joined
 * (data can overtake that news); undefined after `ms` without them.
 */
export function joined(room: Room, identity: string, ms = 5000): Promise<Participant | undefined> {
  const known = room.getParticipantByIdentity(identity);
  if (known) return Promise.resolve(known);
  return new Promise((resolve) => {
    const done = (p: Participant | undefined) => {
      clearTimeout(timer);
      room.off(RoomEvent.ParticipantConnected, onJoin);
      resolve(p);
    };
    const onJoin = (p: RemoteParticipant) => {
      if (p.identity === identity) done(p);
    };
    const timer = setTimeout(() => done(undefined), ms);
    room.on(RoomEvent.ParticipantConnected, onJoin);
  });
}

export class Chat {
  readonly messages = new Store<ChatMessage[]>([]);
  readonly unread = new Store(0);
  /** True while the sender is over the rate limit (the view says to slow down). */
  readonly slowDown = new Store(false);
  private open = false;
  private readonly limit = new RateLimit(5, 10_000);

  constructor(
    private readonly room: Room,
    private readonly signals: Signals,
  ) {
    room.registerTextStreamHandler(CHAT_TOPIC, async (reader, from) => {
      const text = (await reader.readAll()).slice(0, MAX_MESSAGE_LENGTH);
      if (!this.signals.chatEnabled.get() || !this.limit.allow(from.identity)) return;
      // A message sent right after joining can arrive before the news of the join.
      const p = await joined(room, from.identity);
      this.add({
        id: reader.info.id,
        identity: from.identity,
        name: displayName(p) || from.identity,
        text,
        at: reader.info.timestamp,
      });
    });
    room.registerTextStreamHandler(HISTORY_TOPIC, async (reader) => {
      try {
        const list: unknown = JSON.parse(await reader.readAll());
        if (Array.isArray(list)) for (const m of list.filter(isMessage)) this.add(m, true);
      } catch {
        // A malformed history is ignored; new messages still arrive.
      }
    });
    room.on(RoomEvent.DataReceived, (payload, participant, _kind, topic, _enc, identity) => {
      // The sender's identity, also when the hello overtook the news that they joined.
      const to = participant?.identity ?? identity;
      if (topic !== SIGNAL_TOPIC || !to) return;
      if (new TextDecoder().decode(payload) !== '{"t":"hello"}') return;
      if (!this.isHistorian(to)) return;
      // Once more after 3 s: messages carry ids, so a second copy adds nothing.
      void this.sendHistory(to);
      setTimeout(() => void this.sendHistory(to), 3000);
    });
  }

  setOpen(open: boolean): void {
    this.open = open;
    if (open) this.unread.set(0);
  }

  /** Sends a message to everyone; false when it was not sent (empty, off, too fast). */
  async send(raw: string): Promise<boolean> {
    const text = raw.trim().slice(0, MAX_MESSAGE_LENGTH);
    if (!text || !this.signals.chatEnabled.get()) return false;
    const me = this.room.localParticipant;
    if (!this.limit.allow(me.identity)) {
      this.slowDown.set(true);
      setTimeout(() => this.slowDown.set(false), 4000);
      return false;
    }
    const info = await this.room.localParticipant.sendText(text, { topic: CHAT_TOPIC });
    this.add({ id: info.id, identity: me.identity, name: displayName(me), text, at: Date.now() });
    return true;
  }

  private add(message: ChatMessage, fromHistory = false): void {
    if (this.messages.get().some((m) => m.id === message.id)) return;
    this.messages.update((list) =>
      [...list, message].sort((a, b) => a.at - b.at).slice(-HISTORY_LIMIT),
    );
    const mine = message.identity === this.room.localParticipant.identity;
    if (!mine && !fromHistory && !this.open) {
      this.unread.update((n) => n + 1);
      this.signals.announceText(`${message.name}: ${message.text.slice(0, 140)}`);
    }
  }

  /** One answer per newcomer: the participant with the smallest identity among the others. */
  private isHistorian(newcomer: string): boolean {
    const me = this.room.localParticipant.identity;
    const others = [...this.room.remoteParticipants.keys()].filter((id) => id !== newcomer);
    return others.every((id) => me < id);
  }

  private async sendHistory(to: string): Promise<void> {
    const history = this.messages.get();
    if (history.length === 0) return;
    await this.room.localParticipant
      .sendText(JSON.stringify(history), { topic: HISTORY_TOPIC, destinationIdentities: [to] })
      .catch(() => undefined);
  }
}
