/**
 * The BYOK form's rules, the server's own (server/src/modules/gateway/byok/provider-key.domain.ts:
 * providers, key length and characters), checked before the key is sent. They are copied here
 * because they are not in @tollgate/shared yet; the server's answer is still shown if they drift.
 */
export const BYOK_PROVIDERS = ['openai', 'anthropic', 'google', 'openrouter'] as const;
export type ByokProvider = (typeof BYOK_PROVIDERS)[number];

export const PROVIDER_NAMES: Record<ByokProvider, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  google: 'Google Gemini',
  openrouter: 'OpenRouter',
};

export const MIN_KEY_LENGTH = 20;
export const MAX_KEY_LENGTH = 512;
const KEY_CHARSET = /^[A-Za-z0-9._~+/=:-]+$/;

export interface ProviderKeyFormValues {
  provider: ByokProvider | '';
  apiKey: string;
}

export const EMPTY_PROVIDER_KEY_FORM: ProviderKeyFormValues = { provider: '', apiKey: '' };

export type ProviderKeyField = keyof ProviderKeyFormValues;

export function isByokProvider(value: string): value is ByokProvider {
  return (BYOK_PROVIDERS as readonly string[]).includes(value);
}

/** A provider's name for people; an unknown one (a provider added later) as the API names it. */
export function providerName(provider: string): string {
  return isByokProvider(provider) ? PROVIDER_NAMES[provider] : provider;
}

/** What is wrong with the input, by field. The messages never repeat the key. */
export function providerKeyProblems(values: ProviderKeyFormValues): Partial<Record<ProviderKeyField, string>> {
  const problems: Partial<Record<ProviderKeyField, string>> = {};
  if (!isByokProvider(values.provider)) problems.provider = 'Choose a provider';
  const key = values.apiKey.trim();
  if (key === '') problems.apiKey = 'Paste the API key from your provider';
  else if (key.length < MIN_KEY_LENGTH || key.length > MAX_KEY_LENGTH) {
    problems.apiKey = `A provider key is ${MIN_KEY_LENGTH} to ${MAX_KEY_LENGTH} characters long`;
  } else if (!KEY_CHARSET.test(key)) {
    problems.apiKey = 'A provider key has only letters, digits and . _ ~ + / = : - (no spaces inside)';
  }
  return problems;
}

/** The `setProviderKey` input: the key without the whitespace a copy-paste brings along. */
export function toSetProviderKeyInput(values: ProviderKeyFormValues): { provider: ByokProvider; apiKey: string } {
  if (!isByokProvider(values.provider)) throw new RangeError('choose a provider first');
  return { provider: values.provider, apiKey: values.apiKey.trim() };
}

/** How a stored key is shown: never the key, only its last four characters. */
export function maskedKey(last4: string): string {
  return `•••• ${last4}`;
}
