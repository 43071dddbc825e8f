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
  let complexity: number;
  try {
    complexity = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (err) {
    // getComplexity coerces the variables first: a bad variable is the client's mistake.
    if (err instanceof GraphQLError) return badRequest(err.message, {});
    throw err;
  }
  if (complexity <= max) return null;
  return badRequest(`Query is too complex: ${complexity} > ${max}`, { complexity, maximumComplexity: max });
}

function badRequest(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code: 'BAD_USER_INPUT', http: { status: 400 } } });
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
