import { describe, expect, it } from 'vitest';
import { maskedKey, providerKeyProblems, providerName, toSetProviderKeyInput } from '../provider-key-form';

const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123';

describe('the provider key form', () => {
  it('accepts a real-looking key for one of the four providers', () => {
    expect(providerKeyProblems({ provider: 'openai', apiKey: KEY })).toEqual({});
    expect(providerKeyProblems({ provider: 'google', apiKey: 'AIzaSyA-1234567890abcdefghijklmnopqrstu' })).toEqual({});
  });

  it('asks for a provider and a key', () => {
    expect(providerKeyProblems({ provider: '', apiKey: '  ' })).toEqual({ provider: 'Choose a provider', apiKey: 'Paste the API key from your provider' });
  });

  it('refuses what the server refuses: too short, too long, spaces or prose inside, without repeating the key', () => {
    const short = providerKeyProblems({ provider: 'anthropic', apiKey: 'sk-ant-123' }).apiKey;
    expect(short).toBe('A provider key is 20 to 512 characters long');
    expect(providerKeyProblems({ provider: 'anthropic', apiKey: 'x'.repeat(513) }).apiKey).toBe(short);
    const inner = providerKeyProblems({ provider: 'openrouter', apiKey: 'sk-or-v1 abcdefghijklmnopqrstuvwxyz' }).apiKey;
    expect(inner).toMatch(/no spaces inside/);
    expect(inner).not.toContain('sk-or');
  });

  it('sends the key without the whitespace a paste brings along', () => {
    expect(toSetProviderKeyInput({ provider: 'openai', apiKey: `\n ${KEY} \t` })).toEqual({ provider: 'openai', apiKey: KEY });
    expect(() => toSetProviderKeyInput({ provider: '', apiKey: KEY })).toThrow(RangeError);
  });

  it('shows a stored key only by its last four characters', () => {
    expect(maskedKey('0123')).toBe('•••• 0123');
  });

  it('names providers for people, and unknown ones as the API does', () => {
    expect(providerName('google')).toBe('Google Gemini');
    expect(providerName('mistral')).toBe('mistral');
  });
});
