import { describe, expect, it } from 'vitest';
import { recallCheckout, rememberCheckout } from '../checkout-memory';

function memoryStore() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
}

describe('checkout memory', () => {
  it('recalls what a session was opened for', () => {
    const store = memoryStore();
    rememberCheckout('cs_1', { kind: 'package', packageCode: 'starter' }, store);
    rememberCheckout('cs_2', { kind: 'subscription', tierCode: 'pro' }, store);
    expect(recallCheckout('cs_1', store)).toEqual({ kind: 'package', packageCode: 'starter' });
    expect(recallCheckout('cs_2', store)).toEqual({ kind: 'subscription', tierCode: 'pro' });
  });

  it('recalls nothing for an unknown or missing session, or for a damaged entry', () => {
    const store = memoryStore();
    expect(recallCheckout('cs_1', store)).toBeNull();
    expect(recallCheckout(null, store)).toBeNull();
    store.items.set('tollgate.checkout.cs_3', '{not json');
    store.items.set('tollgate.checkout.cs_4', '{"kind":"package"}');
    expect(recallCheckout('cs_3', store)).toBeNull();
    expect(recallCheckout('cs_4', store)).toBeNull();
  });

  it('survives storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(() => rememberCheckout('cs_1', { kind: 'package', packageCode: 'x' }, broken)).not.toThrow();
    expect(recallCheckout('cs_1', broken)).toBeNull();
    expect(recallCheckout('cs_1', null)).toBeNull();
  });
});
