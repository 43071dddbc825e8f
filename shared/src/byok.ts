/**
 * Users' own provider keys (BYOK): which providers take one and what a key may look like. The
 * server enforces these; the SPA checks them before a key is sent.
 */
export const BYOK_PROVIDERS = ['openai', 'anthropic', 'google', 'openrouter'] as const;
export type ByokProvider = (typeof BYOK_PROVIDERS)[number];

export const isByokProvider = (value: string): value is ByokProvider => (BYOK_PROVIDERS as readonly string[]).includes(value);

// Real keys (sk-proj-…, sk-ant-api03-…, AIza…, sk-or-v1-…) are 39 to ~200 URL-safe characters; the
// bounds leave room for new formats while refusing pasted prose, whitespace and megabyte strings.
export const MIN_PROVIDER_KEY_LENGTH = 20;
export const MAX_PROVIDER_KEY_LENGTH = 512;
const KEY_CHARSET = /^[A-Za-z0-9._~+/=:-]+$/;

/** What is wrong with a key (after trimming), or null; the message never repeats the key. */
export function providerKeyProblem(key: string): 'length' | 'charset' | null {
  if (key.length < MIN_PROVIDER_KEY_LENGTH || key.length > MAX_PROVIDER_KEY_LENGTH) return 'length';
  if (!KEY_CHARSET.test(key)) return 'charset';
  return null;
}
