import type { ApolloServerOptions } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

type DocumentStore = NonNullable<ApolloServerOptions<any>['documentStore']>;

/**
 * Apollo's cache of parsed and validated documents, bounded by what they really hold.
 *
 * Apollo's default weighs a document by its JSON (30 MiB of it), but a parsed document keeps its
 * whole source text and token list: about 80 bytes of heap per character of query, 4-5 times
 * its JSON, and a document padded with a comment weighs almost nothing in JSON while pinning
 * the whole body (up to BODY_LIMIT). Distinct documents from a client or a fuzzer then grew the
 * heap without a practical bound. Weighed by source length instead, 256 K characters of
 * documents (about 20 MB of heap) keeps every operation the SPA and the SDK send, many times over.
 */
export function boundedDocumentStore(maxSourceChars = 256 * 1024, maxDocuments = 2_000): DocumentStore {
  const cache = new LRUCache<string, DocumentNode>({
    max: maxDocuments,
    maxSize: maxSourceChars,
    // Larger than the whole budget (a padded document): not kept at all.
    sizeCalculation: (document) => Math.max(1, document.loc?.source.body.length ?? 1),
  });
  return {
    get: async (key) => cache.get(key),
    set: async (key, document) => {
      cache.set(key, document);
    },
    delete: async (key) => cache.delete(key),
  };
}
