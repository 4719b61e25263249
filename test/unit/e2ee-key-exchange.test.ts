/**
 * The key exchange's cryptography (web/call/e2ee/crypto.ts) on Node's WebCrypto, which
 * implements the same ECDH P-256, HKDF and AES-GCM as the browsers; and the wire checks the
 * server applies (src/core/e2ee.ts).
 */
import { describe, expect, it } from 'vitest';
import { isPublicKey, parsePublicKey, parseWrappedKey } from '../../src/core/e2ee.js';
import {
  newKeyPair,
  newRoomKey,
  safetyCode,
  unwrapRoomKey,
  wrapRoomKey,
} from '../../web/call/e2ee/crypto.js';

const ROOM = 'abcdefghjkmnpqrstvwxyz012345';

describe('wrapping the room key', () => {
  it('opens for the recipient: the same 32 bytes at the same index', async () => {
    const [host, guest] = await Promise.all([newKeyPair(), newKeyPair()]);
    const roomKey = newRoomKey();
    const wrapped = await wrapRoomKey({
      room: ROOM,
      roomKey,
      index: 3,
      me: host,
      to: guest.publicKey,
    });
    expect(parseWrappedKey(wrapped)).toEqual(wrapped);
    expect(wrapped.from).toBe(host.publicKey);
    expect(wrapped.index).toBe(3);
    const opened = await unwrapRoomKey({ room: ROOM, wrapped, me: guest });
    expect(Buffer.from(opened).equals(Buffer.from(roomKey))).toBe(true);
  });

  it('carries no byte sequence of the room key in any encoding', async () => {
    const [host, guest] = await Promise.all([newKeyPair(), newKeyPair()]);
    const roomKey = newRoomKey();
    const wire = JSON.stringify(
      await wrapRoomKey({ room: ROOM, roomKey, index: 0, me: host, to: guest.publicKey }),
    );
    const key = Buffer.from(roomKey);
    for (const encoded of [
      key.toString('base64url'),
      key.toString('base64'),
      key.toString('hex'),
    ]) {
      expect(wire).not.toContain(encoded.slice(0, 16));
    }
  });

  it('does not open for anyone else, in another room, or at another index', async () => {
    const [host, guest, eve] = await Promise.all([newKeyPair(), newKeyPair(), newKeyPair()]);
    const wrapped = await wrapRoomKey({
      room: ROOM,
      roomKey: newRoomKey(),
      index: 1,
      me: host,
      to: guest.publicKey,
    });
    await expect(unwrapRoomKey({ room: ROOM, wrapped, me: eve })).rejects.toThrow();
    await expect(unwrapRoomKey({ room: `${ROOM}x`, wrapped, me: guest })).rejects.toThrow();
    await expect(
      unwrapRoomKey({ room: ROOM, wrapped: { ...wrapped, index: 2 }, me: guest }),
    ).rejects.toThrow();
  });

  it('refuses a wrapped key whose sender key was swapped on the way', async () => {
    const [host, guest, eve] = await Promise.all([newKeyPair(), newKeyPair(), newKeyPair()]);
    const wrapped = await wrapRoomKey({
      room: ROOM,
      roomKey: newRoomKey(),
      index: 0,
      me: host,
      to: guest.publicKey,
    });
    await expect(
      unwrapRoomKey({ room: ROOM, wrapped: { ...wrapped, from: eve.publicKey }, me: guest }),
    ).rejects.toThrow();
  });
});

describe('the safety code', () => {
  it('is the same on both sides and differs when either key is swapped', async () => {
    const [a, b, m] = await Promise.all([newKeyPair(), newKeyPair(), newKeyPair()]);
    const ab = await safetyCode(ROOM, a.publicKey, b.publicKey);
    expect(ab).toMatch(/^\d{4} \d{4} \d{4}$/);
    expect(await safetyCode(ROOM, b.publicKey, a.publicKey)).toBe(ab);
    expect(await safetyCode(ROOM, a.publicKey, m.publicKey)).not.toBe(ab);
    expect(await safetyCode(ROOM, m.publicKey, b.publicKey)).not.toBe(ab);
    expect(await safetyCode(`${ROOM}y`, a.publicKey, b.publicKey)).not.toBe(ab);
  });
});

describe('what the server accepts', () => {
  it('accepts a browser public key and refuses malformed or oversize ones with invalid_public_key', async () => {
    const { publicKey } = await newKeyPair();
    expect(isPublicKey(publicKey)).toBe(true);
    expect(parsePublicKey(publicKey)).toBe(publicKey);
    for (const bad of [
      undefined,
      '',
      42,
      'not base64!',
      publicKey.slice(0, 40),
      `${publicKey}AAAA`,
      'A'.repeat(100_000),
      `C${publicKey.slice(1)}`, // first byte 0x08, not 0x04: not an uncompressed point
    ]) {
      expect(() => parsePublicKey(bad)).toThrow(
        expect.objectContaining({ code: 'invalid_public_key' }),
      );
    }
  });

  it('refuses wrapped keys with a wrong shape with invalid_wrapped_key', async () => {
    const [host, guest] = await Promise.all([newKeyPair(), newKeyPair()]);
    const good = await wrapRoomKey({
      room: ROOM,
      roomKey: newRoomKey(),
      index: 0,
      me: host,
      to: guest.publicKey,
    });
    for (const bad of [
      null,
      [],
      'x',
      { ...good, v: 2 },
      { ...good, index: 16 },
      { ...good, index: 1.5 },
      { ...good, ct: good.ct.slice(4) },
      { ...good, ct: 'A'.repeat(1_000_000) },
      { ...good, iv: good.salt },
      { ...good, from: 'nope' },
      { ...good, extra: 1 },
    ]) {
      expect(() => parseWrappedKey(bad)).toThrow(
        expect.objectContaining({ code: 'invalid_wrapped_key' }),
      );
    }
  });
});
