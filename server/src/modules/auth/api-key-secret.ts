import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_MARK = 'tg_';

/**
 * `tg_<8 hex prefix>_<32 bytes base64url>`. The prefix is stored and shown; the whole key is stored
 * only as SHA-256. A key carries 256 random bits, so a fast hash is safe here (no dictionary to
 * guess from), and it lets every request find its key by one indexed lookup.
 */
export function generateApiKey(): { prefix: string; secret: string; secretHash: string } {
  const prefix = `${API_KEY_MARK}${randomBytes(4).toString('hex')}`;
  const secret = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { prefix, secret, secretHash: hashApiKey(secret) };
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function looksLikeApiKey(credential: string): boolean {
  return /^tg_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/.test(credential);
}
