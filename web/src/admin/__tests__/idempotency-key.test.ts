import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newIdempotencyKey } from '../idempotency-key';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newIdempotencyKey', () => {
  it('uses crypto.randomUUID where the page is a secure context', () => {
    expect(
      newIdempotencyKey({ getRandomValues: (array: Uint8Array<ArrayBuffer>) => webcrypto.getRandomValues(array), randomUUID: () => 'from-randomUUID' }),
    ).toBe('from-randomUUID');
  });

  it('builds a v4 UUID from getRandomValues where randomUUID is missing (plain http)', () => {
    const insecure = { getRandomValues: (array: Uint8Array<ArrayBuffer>) => webcrypto.getRandomValues(array) };
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey(insecure)));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(UUID_V4);
  });
});
