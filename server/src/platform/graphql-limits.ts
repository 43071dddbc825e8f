import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type SelectionSetNode, type ValidationRule } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { variableProblems } from './graphql-input.js';
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
 *
 * The depth rule runs beside graphql-js's own rules, so it must cope with documents they refuse:
 * an unknown fragment counts as nothing and a fragment cycle is not followed (graphql-depth-limit
 * threw on both, which answered HTTP 500). Each fragment is measured once, so a document that
 * spreads fragments exponentially costs linear time here; its expanded size is bounded too, since
 * the complexity count that follows validation walks every expansion.
 */
export function depthRule(maxDepth: number, maxExpandedSelections = 100_000): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const measured = new Map<string, Size>();
    const inProgress = new Set<string>();

    const fragmentSize = (name: string): Size => {
      const known = measured.get(name);
      if (known) return known;
      const fragment = fragments.get(name);
      if (!fragment || inProgress.has(name)) return EMPTY;
      inProgress.add(name);
      const size = selectionSize(fragment.selectionSet);
      inProgress.delete(name);
      measured.set(name, size);
      return size;
    };

    // depth: how many fields with a selection set nest inside each other (introspection fields
    // are not counted, as graphql-depth-limit did not); count: selections once fragments expand.
    const selectionSize = (set: SelectionSetNode): Size => {
      let depth = 0;
      let count = 0;
      for (const selection of set.selections) {
        let child: Size;
        if (selection.kind === Kind.FIELD) {
          if (!selection.selectionSet || selection.name.value.startsWith('__')) child = { depth: 0, count: 1 };
          else {
            const inner = selectionSize(selection.selectionSet);
            child = { depth: inner.depth + 1, count: inner.count + 1 };
          }
        } else if (selection.kind === Kind.INLINE_FRAGMENT) child = selectionSize(selection.selectionSet);
        else child = fragmentSize(selection.name.value);
        depth = Math.max(depth, child.depth);
        count = Math.min(count + child.count, Number.MAX_SAFE_INTEGER);
      }
      return { depth, count };
    };

    return {
      OperationDefinition(operation) {
        const size = selectionSize(operation.selectionSet);
        if (size.depth > maxDepth) {
          context.reportError(new GraphQLError(`The operation exceeds the maximum depth of ${maxDepth}`, { nodes: operation }));
        } else if (size.count > maxExpandedSelections) {
          context.reportError(
            new GraphQLError(`The operation selects more than ${maxExpandedSelections} fields once its fragments are expanded`, { nodes: operation }),
          );
        }
      },
    };
  };
}

interface Size {
  depth: number;
  count: number;
}
const EMPTY: Size = { depth: 0, count: 0 };

export function complexityProblem(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
  max: number,
): GraphQLError | null {
  return operationProblems(schema, document, variables, operationName, max, 1)[0] ?? null;
}

/**
 * The complexity count, which coerces the variables first (as graphql-js will again to execute):
 * the variables are looked at on their own only when that coercion fails, so a valid request
 * coerces them twice, not three times. Then the problems are the variables' (up to `maxErrors`,
 * by variable, path and reason: variableProblems), else a complexity past `max`.
 */
export function operationProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName: string | undefined | null,
  max: number,
  maxErrors = 20,
): GraphQLError[] {
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
    if (!(err instanceof GraphQLError)) throw err;
    // getComplexity coerces the variables first; graphql-js's message would quote the value sent,
    // so the variables are checked again for a message naming only the variable, path and reason.
    // Missing or null required variables are not variableProblems' (graphql-js's messages quote no value).
    const problems = variableProblems(schema, document, operationName, variables, maxErrors);
    return problems.length > 0 ? problems : [badRequest('The variables do not match the operation', {})];
  }
  if (complexity <= max) return [];
  return [badRequest(`Query is too complex: ${complexity} > ${max}`, { complexity, maximumComplexity: max })];
}

function badRequest(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

export function complexityPlugin(schema: GraphQLSchema, max: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          // No operation matched: the input plugin (graphql-input.ts) refuses that, whichever hook settles first.
          if (!operation) return;
          const problem = complexityProblem(schema, document, request.variables, request.operationName, max);
          if (problem) throw problem;
        },
      };
    },
  };
}
