import depthLimit from 'graphql-depth-limit';
import { GraphQLError, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { createRequire } from 'node:module';

// graphql-query-complexity's ESM build imports graphql's `.mjs` files, which loads a second copy
// of graphql ("Cannot use GraphQLSchema from another module or realm"); its CommonJS build does not.
const { fieldExtensionsEstimator, getComplexity, simpleEstimator } = createRequire(import.meta.url)(
  'graphql-query-complexity',
) as typeof import('graphql-query-complexity');

/**
 * Bounds on what one GraphQL document may ask for, so a single request cannot make the server
 * walk an unbounded tree: a depth limit (a validation rule) and a complexity budget (needs the
 * variables, so it runs once the operation is resolved).
 */
export function depthRule(maxDepth: number): ValidationRule {
  return depthLimit(maxDepth) as ValidationRule;
}

export function complexityProblem(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
  max: number,
): GraphQLError | null {
  const complexity = getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    operationName: operationName ?? undefined,
    estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
  if (complexity <= max) return null;
  return new GraphQLError(`Query is too complex: ${complexity} > ${max}`, {
    extensions: { code: 'BAD_USER_INPUT', complexity, maximumComplexity: max },
  });
}

export function complexityPlugin(schema: GraphQLSchema, max: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const problem = complexityProblem(schema, document, request.variables, request.operationName, max);
          if (problem) throw problem;
        },
      };
    },
  };
}
