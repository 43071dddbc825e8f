import { describe, expect, it } from 'vitest';
import { BYOK_PROVIDERS, isByokProvider, MAX_PROVIDER_KEY_LENGTH, MIN_PROVIDER_KEY_LENGTH, providerKeyProblem } from '../byok.js';

describe('BYOK rules shared by the server and the SPA', () => {
  it('takes a key for every real provider, never for the sandbox', () => {
    expect(BYOK_PROVIDERS.filter(isByokProvider)).toEqual(['openai', 'anthropic', 'google', 'openrouter']);
    expect(isByokProvider('sandbox')).toBe(false);
    expect(isByokProvider('OpenAI')).toBe(false);
  });

  it('accepts real-looking keys at both length bounds and refuses outside them', () => {
    expect(providerKeyProblem('sk-proj-' + 'a'.repeat(40))).toBeNull();
    expect(providerKeyProblem('k'.repeat(MIN_PROVIDER_KEY_LENGTH))).toBeNull();
    expect(providerKeyProblem('k'.repeat(MAX_PROVIDER_KEY_LENGTH))).toBeNull();
    expect(providerKeyProblem('k'.repeat(MIN_PROVIDER_KEY_LENGTH - 1))).toBe('length');
    expect(providerKeyProblem('k'.repeat(MAX_PROVIDER_KEY_LENGTH + 1))).toBe('length');
  });

  it('refuses whitespace and characters no provider uses', () => {
    expect(providerKeyProblem('sk-proj-abc def ghi jkl mno')).toBe('charset');
    expect(providerKeyProblem('sk-proj-abcdefghijklmnop"')).toBe('charset');
  });
});
