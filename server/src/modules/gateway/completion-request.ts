import { Kind, parse, type DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

const seen = new LRUCache<string, boolean>({ max: 1_000 });

/**
 * Whether a GraphQL request body is exactly one `complete` mutation and nothing else: one operation,
 * a mutation, one root field named `complete`. Such a request may authenticate with its principal's
 * version read deferred to the completion's own rate-limit round trip (Authenticator, `deferVersion`),
 * since that field confirms the principal before it holds or calls anything. Anything else (another
 * field beside it, a fragment at the root, a document that does not parse) answers false: the
 * ordinary authentication. Decided once per distinct query text.
 */
export function isOnlyCompletion(body: unknown): boolean {
  const query = (body as { query?: unknown } | null)?.query;
  if (typeof query !== 'string' || query.length > 10_000) return false;
  let answer = seen.get(query);
  if (answer === undefined) {
    answer = decide(query);
    seen.set(query, answer);
  }
  return answer;
}

function decide(query: string): boolean {
  let doc: DocumentNode;
  try {
    doc = parse(query);
  } catch {
    return false;
  }
  if (doc.definitions.length !== 1) return false;
  const op = doc.definitions[0]!;
  if (op.kind !== Kind.OPERATION_DEFINITION || op.operation !== 'mutation') return false;
  const [field, ...rest] = op.selectionSet.selections;
  return rest.length === 0 && field?.kind === Kind.FIELD && field.name.value === 'complete' && (field.directives?.length ?? 0) === 0;
}
