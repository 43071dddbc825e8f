import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import type { AppPubSub } from './platform/pubsub.js';
import { authChecker } from './modules/auth/auth-checker.js';
import { resolvers } from './resolvers.js';
import { auditAdminMutations } from './modules/admin/audit.recorder.js';

export async function buildAppSchema(pubSub: AppPubSub): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    authChecker,
    pubSub,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    // Input is validated by the services (zod and shared rules), so errors have one shape.
    validate: false,
  });
  // Every admin mutation leaves an audit row (modules/admin/audit.recorder.ts).
  return auditAdminMutations(schema);
}

export const SCHEMA_HEADER = '# Emitted from the server code by `pnpm schema`. Do not edit: a test fails when it drifts.\n\n';

export function printAppSchema(schema: GraphQLSchema): string {
  return `${SCHEMA_HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}
