import { describe, expect, it } from 'vitest';
import { changedKeys, prettyJson } from '../audit-json';

describe('prettyJson', () => {
  it('indents JSON, keeps a non-JSON string as it is, and null as null', () => {
    expect(prettyJson('{"tier":"free"}')).toBe('{\n  "tier": "free"\n}');
    expect(prettyJson('not json')).toBe('not json');
    expect(prettyJson(null)).toBeNull();
  });
});

describe('changedKeys', () => {
  it('names the top-level keys whose values differ, added and removed ones included', () => {
    const before = JSON.stringify({ tier: 'free', suspendedAt: null, limits: { rpm: 10 }, gone: 1 });
    const after = JSON.stringify({ tier: 'pro', suspendedAt: null, limits: { rpm: 60 }, added: true });
    expect(changedKeys(before, after)).toEqual(['added', 'gone', 'limits', 'tier']);
  });

  it('names none when a side is missing or not an object', () => {
    expect(changedKeys(null, '{"a":1}')).toEqual([]);
    expect(changedKeys('[1]', '[2]')).toEqual([]);
    expect(changedKeys('oops', '{"a":1}')).toEqual([]);
  });
});
