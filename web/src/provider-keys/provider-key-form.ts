/** The BYOK form's rules: the server's own, from @tollgate/shared, checked before the key is sent. */
import { isByokProvider, MAX_PROVIDER_KEY_LENGTH, MIN_PROVIDER_KEY_LENGTH, providerKeyProblem, type ByokProvider } from '@tollgate/shared';

export { BYOK_PROVIDERS, isByokProvider, type ByokProvider } from '@tollgate/shared';

export const PROVIDER_NAMES: Record<ByokProvider, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  google: 'Google Gemini',
  openrouter: 'OpenRouter',
};

export interface ProviderKeyFormValues {
  provider: ByokProvider | '';
  apiKey: string;
}

export const EMPTY_PROVIDER_KEY_FORM: ProviderKeyFormValues = { provider: '', apiKey: '' };

export type ProviderKeyField = keyof ProviderKeyFormValues;

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
  else if (providerKeyProblem(key) === 'length') {
    problems.apiKey = `A provider key is ${MIN_PROVIDER_KEY_LENGTH} to ${MAX_PROVIDER_KEY_LENGTH} characters long`;
  } else if (providerKeyProblem(key) === 'charset') {
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
