import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** One encrypted value as stored: which key sealed it, its random IV, the ciphertext and GCM's auth tag. */
export interface Sealed {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** Why a sealed value could not be opened. Never carries the key, the plaintext or the ciphertext. */
export class DecryptError extends Error {
  constructor(
    readonly reason: 'unknown-key' | 'tampered',
    readonly keyId: string,
  ) {
    super(reason === 'unknown-key' ? `No configured encryption key has id ${keyId}` : `Value sealed under key ${keyId} failed authentication`);
    this.name = 'DecryptError';
  }
}

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A key's public name: the first 8 hex characters of SHA-256 over a label and the key. Stored beside
 * each ciphertext so a value names the key that opens it; 32 bits of a hash say nothing useful about
 * a 256-bit random key, and the label keeps the id from matching any other hash of the key.
 */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('tollgate-encryption-key-id\0').update(key).digest('hex').slice(0, 8);
}

/**
 * AES-256-GCM under the current key, opening values sealed under the current key or any previous one
 * (key rotation: the new key goes first, the old ones stay here until nothing is sealed under them).
 * Each value gets a random 96-bit IV; `aad` binds it to where it is stored, so a ciphertext copied to
 * another row (another user, another provider) fails authentication instead of decrypting.
 */
export class Keyring {
  readonly currentKeyId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    this.currentKeyId = this.add(current);
    for (const key of previous) this.add(key);
  }

  /** Ids of every key that can open a value, the current one first. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  canOpen(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  seal(plaintext: string, aad: string): Sealed {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keys.get(this.currentKeyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: this.currentKeyId, iv, ciphertext, tag: cipher.getAuthTag() };
  }

  /** The plaintext, or a DecryptError when the key is not configured or anything (value, tag, IV, aad) was altered. */
  open(sealed: Sealed, aad: string): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new DecryptError('unknown-key', sealed.keyId);
    if (sealed.iv.length !== IV_BYTES || sealed.tag.length !== TAG_BYTES) throw new DecryptError('tampered', sealed.keyId);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, sealed.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(sealed.tag);
      return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new DecryptError('tampered', sealed.keyId);
    }
  }

  private add(key: Buffer): string {
    if (key.length !== KEY_BYTES) throw new Error(`An encryption key must be ${KEY_BYTES} bytes, got ${key.length}`);
    const id = keyIdOf(key);
    const known = this.keys.get(id);
    // Two different keys with one id would make values unopenable; 2^-32 per pair, but say so if it happens.
    if (known && !known.equals(key)) throw new Error(`Two encryption keys share the id ${id}; generate another key`);
    if (!known) this.keys.set(id, key);
    return id;
  }
}
