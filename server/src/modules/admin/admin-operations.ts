import type { GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type Kind = 'query' | 'mutation';

/**
 * The Query or Mutation fields of `schema` whose `@Authorized(...)` requirements include 'admin',
 * read from type-graphql's metadata (method-level, else resolver-class-level). The audit recorder
 * wraps the mutations; the authorization matrix test calls every one of both kinds.
 */
export function adminOperations(schema: GraphQLSchema, kind: Kind): string[] {
  const storage = getMetadataStorage();
  const handlers = kind === 'query' ? storage.queries : storage.mutations;
  const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
  const served = root?.getFields() ?? {};
  const names = new Set<string>();
  for (const handler of handlers) {
    if (!served[handler.schemaName]) continue;
    const roles =
      handler.roles ??
      storage.authorizedFields.find((a) => a.target === handler.target && a.fieldName === handler.methodName)?.roles ??
      storage.authorizedResolver.find((a) => a.target === handler.target)?.roles ??
      [];
    if (roles.includes('admin')) names.add(handler.schemaName);
  }
  return [...names].sort();
}
