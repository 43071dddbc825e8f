import { BadUserInputError, DomainError } from '../../../platform/errors.js';

/** Providers a user may bring a key for: every real one; the local sandbox needs no key. */
export const BYOK_PROVIDERS = ['openai', 'anthropic', 'google', 'openrouter'] as const;
export type ByokProvider = (typeof BYOK_PROVIDERS)[number];

export const isByokProvider = (value: string): value is ByokProvider => (BYOK_PROVIDERS as readonly string[]).includes(value);

/** What a stored key shows: never the key, only its last four characters and which encryption key sealed it. */
export interface ProviderKeyRecord {
  id: string;
  userId: string;
  provider: ByokProvider;
  keyId: string;
  last4: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

// Real keys (sk-proj-…, sk-ant-api03-…, AIza…, sk-or-v1-…) are 39 to ~200 URL-safe characters; the
// bounds leave room for new formats while refusing pasted prose, whitespace and megabyte strings.
const MIN_KEY_LENGTH = 20;
const MAX_KEY_LENGTH = 512;
const KEY_CHARSET = /^[A-Za-z0-9._~+/=:-]+$/;

export function validProvider(raw: string): ByokProvider {
  if (!isByokProvider(raw)) throw new BadUserInputError(`provider must be one of ${BYOK_PROVIDERS.join(', ')}`, 'provider');
  return raw;
}

/** The key without surrounding whitespace (copy-paste); the messages never repeat the key. */
export function validApiKey(raw: string): string {
  const key = raw.trim();
  if (key.length < MIN_KEY_LENGTH || key.length > MAX_KEY_LENGTH) {
    throw new BadUserInputError(`apiKey must be ${MIN_KEY_LENGTH} to ${MAX_KEY_LENGTH} characters`, 'apiKey');
  }
  if (!KEY_CHARSET.test(key)) {
    throw new BadUserInputError('apiKey may only contain letters, digits and . _ ~ + / = : -', 'apiKey');
  }
  return key;
}

/**
 * Additional authenticated data: the row's owner and provider. A ciphertext copied to another
 * user's row, or to another provider's, fails authentication rather than decrypting there.
 */
export const aadFor = (userId: string, provider: string) => `tollgate:provider_key:v1:${userId.toLowerCase()}:${provider}`;

/**
 * A stored key that cannot be opened: its encryption key is no longer configured, or the row was
 * altered. Answered as PROVIDER_UNAVAILABLE (the call cannot be made with the user's key) rather than
 * silently falling back to the platform key and charging markup the user opted out of.
 */
export class ProviderKeyUnreadableError extends DomainError {
  constructor(provider: string) {
    super('PROVIDER_UNAVAILABLE', `Your ${provider} key can no longer be read; set it again with setProviderKey`, { provider });
  }
}
