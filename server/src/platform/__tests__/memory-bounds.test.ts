import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createMemoryBackplane } from '../backplane/memory.js';
import { boundedDocumentStore } from '../document-cache.js';

describe('the document cache', () => {
  it('keeps documents up to its budget of source characters, the least recently used leaving first', async () => {
    const store = boundedDocumentStore(1_000);
    const documents = Array.from({ length: 20 }, (_, i) => `query Q${i} { a${i}: __typename tiers { code name } }`); // ~45 characters each
    for (const [i, text] of documents.entries()) await store.set(`k${i}`, parse(text));
    const kept = (await Promise.all(documents.map((_, i) => store.get(`k${i}`)))).filter(Boolean).length;
    expect(kept).toBe(20);
    for (let i = 20; i < 200; i += 1) await store.set(`k${i}`, parse(`query Q${i} { a${i}: __typename tiers { code name } }`));
    expect(await store.get('k0')).toBeUndefined();
    expect(await store.get('k199')).toBeDefined();
  });

  it('does not keep a document padded past the whole budget, however small its JSON', async () => {
    const store = boundedDocumentStore(1_000);
    await store.set('padded', parse(`# ${'x'.repeat(5_000)}\n{ __typename }`));
    expect(await store.get('padded')).toBeUndefined();
  });
});

describe("the in-process backplane's cache", () => {
  it('is bounded by the size of what it holds, not only by the number of entries', async () => {
    const backplane = createMemoryBackplane({ maxCacheChars: 10_000 });
    for (let i = 0; i < 10; i += 1) await backplane.cacheSet(`answer-${i}`, 'y'.repeat(2_000), 60);
    const held = await Promise.all(Array.from({ length: 10 }, (_, i) => backplane.cacheGet(`answer-${i}`)));
    expect(held.filter(Boolean).length).toBeLessThanOrEqual(4);
    expect(held.at(-1)).toBe('y'.repeat(2_000)); // the newest stays
    await backplane.close();
  });
});
