/**
 * The Rooms port on LiveKit: join tokens (join-token.ts), host controls (RoomServiceClient) and
 * webhook verification (WebhookReceiver). Anything that fails to reach the server becomes
 * AppError('unavailable') so the API answers 503 instead of hanging or leaking internals.
 */
import {
  DataPacket_Kind,
  ParticipantInfo_State,
  RoomConfiguration,
  ServerError,
  TrackType,
  WebhookReceiver,
  type ClaimGrants,
  type WebhookEvent,
} from 'livekit-server-sdk';
import { AppError } from '../../core/errors.js';
import type { RoomGrant, RoomParticipant, Rooms } from '../../core/ports.js';
import { ReusingRoomServiceClient } from './admin-client.js';
import { signLivekitToken } from './join-token.js';
import { createOccupancy } from './occupancy.js';

export interface LivekitRoomsOptions {
  url: string;
  apiKey: string;
  apiSecret: string;
  /** True for the local loopback server: clients get `iceServers: []` (no public STUN). */
  loopback: boolean;
  /** Seconds for each server API call. */
  timeoutSeconds?: number;
}

const HOST_ATTRIBUTE = 'callink.host';

function httpUrl(url: string): string {
  return url.replace(/^ws(s?):\/\//, 'http$1://');
}

function isNotFound(error: unknown): boolean {
  return error instanceof ServerError && (error.status === 404 || error.code === 'not_found');
}

/** Turns transport failures into 'unavailable'; keeps AppErrors as they are. */
function unavailable(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError(
    'unavailable',
    'Calls are unavailable right now: the media server cannot be reached. Please try again in a minute.',
    { cause: error },
  );
}

/** What a join token grants: this one room, and room admin for hosts (see join-token.ts). */
export function joinGrants(grant: RoomGrant): ClaimGrants {
  return {
    name: grant.name,
    // The host attribute last, so no other attribute can set it.
    attributes: { ...grant.attributes, ...(grant.host ? { [HOST_ATTRIBUTE]: 'true' } : {}) },
    video: {
      roomJoin: true,
      room: grant.room,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
      // The host badge is the callink.host attribute set here: nobody may change their own.
      canUpdateOwnMetadata: false,
      roomAdmin: grant.host,
    },
    roomConfig: roomConfiguration(grant.maxParticipants, grant.emptyTimeoutSeconds),
  };
}

/**
 * The room settings a token carries, one object per (cap, empty timeout): every join of a link
 * carries the same ones, and join-token.ts keeps each one's JSON (protobuf's JSON writer is a
 * good part of a join's CPU otherwise). Never changed once made.
 */
const roomConfigurations = new Map<string, RoomConfiguration>();
function roomConfiguration(maxParticipants: number, emptyTimeout: number): RoomConfiguration {
  const key = `${maxParticipants}/${emptyTimeout}`;
  let config = roomConfigurations.get(key);
  if (!config) {
    if (roomConfigurations.size >= 1000) roomConfigurations.clear();
    config = new RoomConfiguration({ maxParticipants, emptyTimeout, departureTimeout: 20 });
    roomConfigurations.set(key, config);
  }
  return config;
}

export function createLivekitRooms(options: LivekitRoomsOptions): Rooms {
  const client = new ReusingRoomServiceClient(
    httpUrl(options.url),
    options.apiKey,
    options.apiSecret,
    {
      requestTimeout: options.timeoutSeconds ?? 3,
      failover: false,
    },
  );
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw unavailable(error);
    }
  };

  const participants = async (room: string): Promise<RoomParticipant[]> => {
    let list;
    try {
      list = await client.listParticipants(room);
    } catch (error) {
      if (isNotFound(error)) return [];
      throw unavailable(error);
    }
    // A session the server already knows is gone is not someone in the call.
    return list
      .filter((p) => p.state !== ParticipantInfo_State.DISCONNECTED)
      .map((p) => ({
        sid: p.sid,
        identity: p.identity,
        name: p.name,
        joinedAt: p.joinedAt ? new Date(Number(p.joinedAt) * 1000) : null,
        host: p.attributes[HOST_ATTRIBUTE] === 'true',
        tracks: p.tracks.map((t) => ({
          sid: t.sid,
          kind: t.type === TrackType.VIDEO ? ('video' as const) : ('audio' as const),
          muted: t.muted,
        })),
      }));
  };

  const occupancy = createOccupancy(async (room) => (await participants(room)).length);

  return {
    url: options.url,
    iceServers: options.loopback ? [] : undefined,
    async token(grant: RoomGrant) {
      // A token is a seat: counted in this room's estimate until the next lookup.
      occupancy.taken(grant.room);
      return signLivekitToken({
        apiKey: options.apiKey,
        apiSecret: options.apiSecret,
        identity: grant.identity,
        ttlSeconds: grant.ttlSeconds,
        grants: joinGrants(grant),
      });
    },
    participants,
    occupancy: (room, options) => occupancy.get(room, options),
    async remove(room, identity) {
      try {
        await client.removeParticipant(room, identity);
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw unavailable(error);
      }
    },
    async mute(room, identity, kind) {
      const who = (await participants(room)).find((p) => p.identity === identity);
      if (!who) return -1;
      const tracks = who.tracks.filter((t) => t.kind === kind && !t.muted);
      await call(() =>
        Promise.all(tracks.map((t) => client.mutePublishedTrack(room, identity, t.sid, true))),
      );
      return tracks.length;
    },
    async end(room) {
      try {
        await client.deleteRoom(room);
      } catch (error) {
        if (!isNotFound(error)) throw unavailable(error);
      }
    },
    async notify(room, identities, topic, payload) {
      if (identities.length === 0) return;
      const data = new TextEncoder().encode(JSON.stringify(payload));
      await call(() =>
        client.sendData(room, data, DataPacket_Kind.RELIABLE, {
          destinationIdentities: identities,
          topic,
        }),
      );
    },
    async up() {
      try {
        await client.listRooms(['callink-health']);
        return true;
      } catch {
        // Counts kept from before are not reused for a media server that stopped answering.
        occupancy.forget();
        return false;
      }
    },
  };
}

/** Verifies a LiveKit webhook over its raw body; throws AppError('unauthorized') when forged. */
export function createWebhookVerifier(
  apiKey: string,
  apiSecret: string,
): (rawBody: string, authorization: string | undefined) => Promise<WebhookEvent> {
  const receiver = new WebhookReceiver(apiKey, apiSecret);
  return async (rawBody, authorization) => {
    if (!authorization) {
      throw new AppError('unauthorized', 'This webhook carries no signature.');
    }
    try {
      return await receiver.receive(rawBody, authorization);
    } catch (error) {
      throw new AppError('unauthorized', 'This webhook signature is not valid.', { cause: error });
    }
  };
}
