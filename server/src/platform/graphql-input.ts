import {
  GraphQLError,
  coerceInputValue,
  getNamedType,
  getNullableType,
  getOperationAST,
  isEnumType,
  isInputObjectType,
  isInputType,
  isLeafType,
  isListType,
  isScalarType,
  typeFromAST,
  type ASTNode,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from './unstorable.js';

/**
 * GraphQL input checks that graphql-js leaves to us, shared by HTTP (Apollo) and graphql-ws:
 * unstorable text in document literals, variables checked with messages that never quote the
 * value sent, and subscriptions sent over HTTP.
 */

/** The input type each literal of a document was checked against: what a safe message names. */
const literalTypes = new WeakMap<ASTNode, GraphQLInputType>();

export function literalTypeOf(node: ASTNode | undefined): GraphQLInputType | undefined {
  return node ? literalTypes.get(node) : undefined;
}

/**
 * Refuses string literals PostgreSQL cannot store (`"\u0000"` parses), and records each literal's
 * expected type so errors.ts can say what was expected without printing what was found.
 */
export const literalInputRule: ValidationRule = (context) => {
  const record = (node: ASTNode) => {
    const type = context.getInputType();
    if (type) literalTypes.set(node, type);
  };
  // A scalar whose parseLiteral throws a GraphQLError (Credits: `"…" is not a valid credit amount`)
  // has it reported as thrown, with no location and the value in it: errors.ts reduces that one to a
  // bare sentence, and this adds the located, value-free one.
  const leaf = (node: ValueNode) => {
    record(node);
    const type = context.getInputType();
    const named = type && getNamedType(type);
    if (!type || !named || !isScalarType(named)) return;
    try {
      named.parseLiteral(node, undefined);
    } catch (err) {
      if (err instanceof GraphQLError && !err.nodes) context.reportError(new GraphQLError(expectedType(type), { nodes: node }));
    }
  };
  return {
    StringValue(node) {
      leaf(node);
      if (!isStorableText(node.value)) context.reportError(new GraphQLError(UNSTORABLE_TEXT_MESSAGE, { nodes: node }));
    },
    IntValue: leaf,
    FloatValue: leaf,
    BooleanValue: leaf,
    EnumValue: record,
    NullValue: record,
    ListValue: record,
    ObjectValue: record,
  };
};

const SCALAR_HINTS: Record<string, string> = {
  String: 'a string',
  ID: 'a string or an integer',
  Int: 'a 32-bit integer',
  Float: 'a number',
  Boolean: 'true or false',
  SafeInt: 'an integer within ±2^53',
  Credits: 'a decimal string with at most 6 fraction digits and no sign, such as 12.5',
  DateTime: 'an ISO-8601 date-time string',
};

/** What a leaf (or any input) type accepts, in words taken from the schema only. */
export function expectedType(type: GraphQLInputType): string {
  const named = getNamedType(type);
  const base = `Expected a value of type "${String(type)}"`;
  if (isEnumType(named)) {
    const values = named.getValues().map((v) => v.name);
    return values.length <= 20 ? `${base}: one of ${values.join(', ')}.` : `${base}.`;
  }
  const hint = isLeafType(named) ? SCALAR_HINTS[named.name] : undefined;
  return hint ? `${base}: ${hint}.` : `${base}.`;
}

function typeAt(type: GraphQLInputType, path: ReadonlyArray<string | number>): GraphQLInputType | undefined {
  let current: GraphQLInputType | undefined = type;
  for (const key of path) {
    const nullable: GraphQLInputType | undefined = current ? getNullableType(current) : undefined;
    if (nullable && isListType(nullable) && typeof key === 'number') current = nullable.ofType as GraphQLInputType;
    else if (nullable && isInputObjectType(nullable) && typeof key === 'string') current = nullable.getFields()[key]?.type;
    else return undefined;
  }
  return current;
}

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
// graphql-js messages about the shape, that quote only schema names: kept as they are.
const SHAPE_MESSAGES = [
  /^Expected non-nullable type "[^"]+" not to be null\.$/,
  /^Expected type "[^"]+" to be an object\.$/,
  /^Field "[^"]+" of required type "[^"]+" was not provided\.$/,
  /^Exactly one key must be specified for OneOf type "[^"]+"\.$/,
];

/** A coercion problem's reason in schema terms only: the value sent is never part of it. */
function reasonFor(error: GraphQLError, type: GraphQLInputType | undefined): string {
  if (SHAPE_MESSAGES.some((re) => re.test(error.message))) return error.message;
  const unknown = /^Field "([\s\S]*)" is not defined by type "([_A-Za-z][_0-9A-Za-z]*)"\./.exec(error.message);
  if (unknown) {
    const field = GRAPHQL_NAME.test(unknown[1]!) ? `"${unknown[1]}"` : 'a field';
    return `Field ${field} is not defined by type "${unknown[2]}".`;
  }
  return type ? expectedType(type) : 'The value has the wrong type.';
}

const printPath = (path: ReadonlyArray<string | number>) =>
  path.map((key) => (typeof key === 'number' ? `[${key}]` : GRAPHQL_NAME.test(key) ? `.${key}` : '.<key>')).join('');

/**
 * Coerces the operation's variables as graphql-js will, but reports problems by variable, path and
 * reason only: graphql-js's own message prints the whole value (a password, a provider key).
 * Missing and null variables are left to graphql-js, whose messages quote no value.
 */
export function variableProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  maxErrors = 20,
): GraphQLError[] {
  const operation = getOperationAST(document, operationName);
  if (!operation) return [];
  const values = variables ?? {};
  const problems: GraphQLError[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (!type || !isInputType(type) || !Object.hasOwn(values, name) || values[name] === null) continue;
    coerceInputValue(values[name], type, (path, _invalid, error) => {
      if (problems.length >= maxErrors) return;
      const at = path.length > 0 ? ` at "${name}${printPath(path)}"` : '';
      problems.push(badInput(`Variable "$${name}" got an invalid value${at}; ${reasonFor(error, typeAt(type, path))}`, definition));
    });
  }
  return problems;
}

export function badInput(message: string, node?: ASTNode): GraphQLError {
  return new GraphQLError(message, { nodes: node, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

export const SUBSCRIPTION_OVER_HTTP = 'Subscriptions are served over WebSocket (graphql-ws) at /graphql, not over HTTP';

/**
 * HTTP only: refuses a document without the operation asked for, and a subscription (graphql-js
 * would run its source resolver as a query and fail), before anything runs. Bad variables are the
 * complexity plugin's (graphql-limits.ts): its count coerces them anyway, and only a failed
 * coercion is looked at again here (variableProblems) for a message that quotes no value.
 */
export function inputPlugin(_schema: GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, operation }) {
          // Apollo goes on to execute (and the complexity count to throw) when no operation matched.
          if (!operation) {
            throw badInput(
              request.operationName === undefined || request.operationName === null
                ? 'The document has several operations: send operationName to pick one'
                : 'No operation in the document has the name sent as operationName',
            );
          }
          if (operation.operation === 'subscription') throw badInput(SUBSCRIPTION_OVER_HTTP, operation);
        },
      };
    },
  };
}
