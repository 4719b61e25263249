/**
 * What callink adds on top of the media, shared over LiveKit data messages (encrypted with the
 * call under E2EE): raised hands, reactions, and the host's chat switch. Attached before connect
 * so nothing sent to a newcomer is missed; a newcomer says "hello" and the others answer with
 * their state. Host-only messages count only from a participant whose server-set attribute says
 * host (the token sets it; participants cannot change their own attributes).
 */
import { RoomEvent, type Participant, type RemoteParticipant, type Room } from 'livekit-client';
import { RateLimit, Store } from './store.js';

export const HOST_ATTRIBUTE = 'callink.host';
export const SIGNAL_TOPIC = 'callink.signal';
export const REACTIONS = ['👍', '👏', '😂', '🎉', '❤️', '😮'] as const;

export type Signal =
  | { t: 'hello' }
  | { t: 'hand'; up: boolean }
  | { t: 'lower'; who: string }
  | { t: 'react'; emoji: string }
  | { t: 'chat'; enabled: boolean };

export interface Reaction {
  key: number;
  identity: string;
  emoji: string;
}

export const isHost = (p: Participant | undefined): boolean =>
  p?.attributes[HOST_ATTRIBUTE] === 'true';

export const displayName = (p: Participant | undefined): string => p?.name || p?.identity || '';

function parse(payload: Uint8Array): Signal | undefined {
  try {
    const value = JSON.parse(new TextDecoder().decode(payload)) as Partial<Signal> | null;
    return value && typeof value === 'object' && typeof value.t === 'string'
      ? (value as Signal)
      : undefined;
  } catch {
    return undefined;
  }
}

export class Signals {
  /** Identities with a raised hand, in the order they were raised. */
  readonly hands = new Store<string[]>([]);
  readonly reactions = new Store<Reaction[]>([]);
  readonly chatEnabled = new Store(true);
  /** The latest line for the live region (joins, leaves, hands, messages). */
  readonly announcement = new Store({ text: '', n: 0 });
  private readonly reactionLimit = new RateLimit(5, 5000);
  private reactionKey = 0;

  constructor(private readonly room: Room) {
    room
      .on(RoomEvent.DataReceived, (payload, participant, _kind, topic, _enc, identity) => {
        if (topic !== SIGNAL_TOPIC) return;
        const signal = parse(payload);
        if (!signal) return;
        // A newcomer's hello can arrive before the server says they joined (the data channel
        // overtakes the signalling socket): livekit-client then has no participant for it, only
        // the sender's identity, which is all an answer needs.
        if (signal.t === 'hello' && !participant && identity) return this.answerHello(identity);
        if (participant) this.receive(signal, participant);
      })
      .on(RoomEvent.ParticipantConnected, (p) => this.announce('joined_call', p))
      .on(RoomEvent.ParticipantDisconnected, (p) => {
        this.announce('left_call', p);
        this.setHand(p.identity, false);
      });
  }

  /** Set by the call view: turns message keys into sentences in the page's language. */
  say: (
    key: 'joined_call' | 'left_call' | 'hand_raised_by' | 'hands_lowered' | 'reacted',
    name: string,
    vars?: Record<string, string>,
  ) => string = (key, name) => `${key} ${name}`;

  announce(key: Parameters<Signals['say']>[0], p: Participant | undefined): void {
    this.announceText(this.say(key, displayName(p)));
  }

  announceText(text: string): void {
    this.announcement.update((a) => ({ text, n: a.n + 1 }));
  }

  /** Asks everyone already in the call for their state; call right after connect. */
  hello(): Promise<void> {
    return this.send({ t: 'hello' });
  }

  get localHost(): boolean {
    return isHost(this.room.localParticipant);
  }

  async raiseHand(up: boolean): Promise<void> {
    this.setHand(this.room.localParticipant.identity, up);
    await this.send({ t: 'hand', up });
  }

  async lowerHandOf(identity: string): Promise<void> {
    if (!this.localHost) return;
    this.setHand(identity, false);
    await this.send({ t: 'lower', who: identity });
  }

  async react(emoji: string): Promise<void> {
    if (!(REACTIONS as readonly string[]).includes(emoji)) return;
    if (!this.reactionLimit.allow(this.room.localParticipant.identity)) return;
    this.showReaction(this.room.localParticipant.identity, emoji);
    await this.send({ t: 'react', emoji });
  }

  async setChatEnabled(enabled: boolean): Promise<void> {
    if (!this.localHost) return;
    this.chatEnabled.set(enabled);
    await this.send({ t: 'chat', enabled });
  }

  private receive(signal: Signal, from: RemoteParticipant): void {
    switch (signal.t) {
      case 'hello':
        return this.answerHello(from.identity);
      case 'hand':
        if (signal.up && !this.hands.get().includes(from.identity))
          this.announce('hand_raised_by', from);
        return this.setHand(from.identity, signal.up === true);
      case 'lower': {
        if (!isHost(from)) return;
        const me = this.room.localParticipant.identity;
        if (signal.who === me && this.hands.get().includes(me)) {
          this.announce('hands_lowered', from);
          void this.raiseHand(false);
        }
        return this.setHand(String(signal.who), false);
      }
      case 'react':
        if ((REACTIONS as readonly string[]).includes(signal.emoji)) {
          if (!this.reactionLimit.allow(from.identity)) return;
          this.showReaction(from.identity, signal.emoji);
          // The burst is decoration (aria-hidden): the live region says who reacted.
          this.announceText(this.say('reacted', displayName(from), { emoji: signal.emoji }));
        }
        return;
      case 'chat':
        if (isHost(from)) this.chatEnabled.set(signal.enabled === true);
        return;
    }
  }

  private answerHello(to: string): void {
    const me = this.room.localParticipant.identity;
    if (this.hands.get().includes(me)) void this.send({ t: 'hand', up: true }, [to]);
    if (this.localHost) void this.send({ t: 'chat', enabled: this.chatEnabled.get() }, [to]);
  }

  private setHand(identity: string, up: boolean): void {
    this.hands.update((list) => {
      const without = list.filter((id) => id !== identity);
      return up ? [...without, identity] : without.length === list.length ? list : without;
    });
  }

  private showReaction(identity: string, emoji: string): void {
    const reaction = { key: ++this.reactionKey, identity, emoji };
    this.reactions.update((list) => [...list.slice(-20), reaction]);
    setTimeout(() => this.reactions.update((list) => list.filter((r) => r !== reaction)), 3000);
  }

  private async send(signal: Signal, to?: string[]): Promise<void> {
    if (this.room.state !== 'connected') return;
    const payload = new TextEncoder().encode(JSON.stringify(signal));
    await this.room.localParticipant
      .publishData(payload, {
        reliable: true,
        topic: SIGNAL_TOPIC,
        ...(to ? { destinationIdentities: to } : {}),
      })
      .catch(() => undefined);
  }
}
