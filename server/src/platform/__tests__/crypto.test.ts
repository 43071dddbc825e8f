import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptError, keyIdOf, Keyring, type Sealed } from '../crypto.js';

const KEY_A = Buffer.from('aa'.repeat(32), 'hex');
const KEY_B = Buffer.from('bb'.repeat(32), 'hex');
const SECRET = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';
const AAD = 'tollgate:provider_key:v1:user-1:openai';

/** The DecryptError `fn` must throw. */
function decryptError(fn: () => unknown): DecryptError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DecryptError);
    return err as DecryptError;
  }
  throw new Error('expected a DecryptError');
}

const flipBit = (buffer: Buffer, index = 0) => {
  const copy = Buffer.from(buffer);
  copy[index]! ^= 0x01;
  return copy;
};

describe('Keyring (AES-256-GCM)', () => {
  it('round-trips a value, and the stored parts do not contain it', () => {
    const ring = new Keyring(KEY_A);
    const sealed = ring.seal(SECRET, AAD);
    expect(sealed.keyId).toBe(keyIdOf(KEY_A));
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.tag).toHaveLength(16);
    expect(sealed.ciphertext.toString('utf8')).not.toContain(SECRET.slice(4, 12));
    expect(Buffer.concat([sealed.iv, sealed.ciphertext, sealed.tag]).includes(Buffer.from(SECRET))).toBe(false);
    expect(ring.open(sealed, AAD)).toBe(SECRET);
  });

  it('uses a fresh IV for every value, so sealing the same value twice gives different ciphertexts', () => {
    const ring = new Keyring(KEY_A);
    const seals = Array.from({ length: 50 }, () => ring.seal(SECRET, AAD));
    expect(new Set(seals.map((s) => s.iv.toString('hex'))).size).toBe(50);
    expect(new Set(seals.map((s) => s.ciphertext.toString('hex'))).size).toBe(50);
  });

  it('derives a short, stable key id from the key that differs between keys', () => {
    expect(keyIdOf(KEY_A)).toMatch(/^[0-9a-f]{8}$/);
    expect(keyIdOf(KEY_A)).toBe(keyIdOf(Buffer.from(KEY_A)));
    expect(keyIdOf(KEY_A)).not.toBe(keyIdOf(KEY_B));
    // Not a bare hash of the key: the id reveals nothing another hash of the key would match.
    expect(KEY_A.toString('hex')).not.toContain(keyIdOf(KEY_A));
  });

  it.each<[string, (s: Sealed) => Sealed]>([
    ['a flipped ciphertext bit', (s) => ({ ...s, ciphertext: flipBit(s.ciphertext, 3) })],
    ['a flipped tag bit', (s) => ({ ...s, tag: flipBit(s.tag, 15) })],
    ['a flipped IV bit', (s) => ({ ...s, iv: flipBit(s.iv, 11) })],
    ['a truncated tag', (s) => ({ ...s, tag: s.tag.subarray(0, 12) })],
    ['a truncated ciphertext', (s) => ({ ...s, ciphertext: s.ciphertext.subarray(1) })],
    ["another value's tag", (s) => ({ ...s, tag: new Keyring(KEY_A).seal(SECRET, AAD).tag })],
  ])('refuses %s as tampered', (_name, tamper) => {
    const ring = new Keyring(KEY_A);
    const err = decryptError(() => ring.open(tamper(ring.seal(SECRET, AAD)), AAD));
    expect(err.reason).toBe('tampered');
  });

  it('refuses a value opened with other additional data (copied to another user or provider)', () => {
    const ring = new Keyring(KEY_A);
    const sealed = ring.seal(SECRET, AAD);
    expect(decryptError(() => ring.open(sealed, 'tollgate:provider_key:v1:user-2:openai')).reason).toBe('tampered');
    expect(decryptError(() => ring.open(sealed, 'tollgate:provider_key:v1:user-1:anthropic')).reason).toBe('tampered');
  });

  it('refuses a value under a key it does not hold, naming only the key id', () => {
    const sealed = new Keyring(KEY_A).seal(SECRET, AAD);
    const err = decryptError(() => new Keyring(KEY_B).open(sealed, AAD));
    expect(err.reason).toBe('unknown-key');
    expect(err.message).toContain(keyIdOf(KEY_A));
    expect(err.message).not.toContain(SECRET);
  });

  it('refuses a value whose key id was rewritten to the key that is held (wrong key)', () => {
    const sealed = new Keyring(KEY_A).seal(SECRET, AAD);
    const err = decryptError(() => new Keyring(KEY_B).open({ ...sealed, keyId: keyIdOf(KEY_B) }, AAD));
    expect(err.reason).toBe('tampered');
  });

  it('after a rotation, opens values sealed under a previous key and seals new ones under the current key', () => {
    const before = new Keyring(KEY_A);
    const old = before.seal(SECRET, AAD);
    const after = new Keyring(KEY_B, [KEY_A]);
    expect(after.currentKeyId).toBe(keyIdOf(KEY_B));
    expect(after.keyIds).toEqual([keyIdOf(KEY_B), keyIdOf(KEY_A)]);
    expect(after.open(old, AAD)).toBe(SECRET);
    const resealed = after.seal(after.open(old, AAD), AAD);
    expect(resealed.keyId).toBe(keyIdOf(KEY_B));
    // Once the previous key is dropped, only what was re-sealed still opens.
    const dropped = new Keyring(KEY_B);
    expect(dropped.open(resealed, AAD)).toBe(SECRET);
    expect(decryptError(() => dropped.open(old, AAD)).reason).toBe('unknown-key');
  });

  it('ignores a previous key that repeats the current one, and refuses keys that are not 32 bytes', () => {
    expect(new Keyring(KEY_A, [KEY_A, KEY_B, KEY_B]).keyIds).toEqual([keyIdOf(KEY_A), keyIdOf(KEY_B)]);
    expect(() => new Keyring(randomBytes(16))).toThrow(/32 bytes/);
    expect(() => new Keyring(KEY_A, [randomBytes(31)])).toThrow(/32 bytes/);
  });

  it('seals any text, including an empty string and non-ASCII', () => {
    const ring = new Keyring(KEY_A);
    for (const value of ['', 'ключ-🔑', 'x'.repeat(10_000)]) expect(ring.open(ring.seal(value, AAD), AAD)).toBe(value);
  });
});
