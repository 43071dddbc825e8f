import { BYOK_PROVIDERS, isByokProvider, MAX_PROVIDER_KEY_LENGTH, MIN_PROVIDER_KEY_LENGTH, providerKeyProblem, type ByokProvider } from '@tollgate/shared';
import { BadUserInputError, DomainError } from '../../../platform/errors.js';

export { BYOK_PROVIDERS, isByokProvider, type ByokProvider } from '@tollgate/shared';

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

export function validProvider(raw: string): ByokProvider {
  if (!isByokProvider(raw)) throw new BadUserInputError(`provider must be one of ${BYOK_PROVIDERS.join(', ')}`, 'provider');
  return raw;
}

/** The key without surrounding whitespace (copy-paste); the messages never repeat the key. */
export function validApiKey(raw: string): string {
  const key = raw.trim();
  const problem = providerKeyProblem(key);
  if (problem === 'length') {
    throw new BadUserInputError(`apiKey must be ${MIN_PROVIDER_KEY_LENGTH} to ${MAX_PROVIDER_KEY_LENGTH} characters`, 'apiKey');
  }
  if (problem === 'charset') throw new BadUserInputError('apiKey may only contain letters, digits and . _ ~ + / = : -', 'apiKey');
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
