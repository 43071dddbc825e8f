import { GraphQLError, Kind, type ASTNode } from 'graphql';
import { expectedType, literalTypeOf } from './graphql-input.js';
import { UNSTORABLE_TEXT_MESSAGE } from './unstorable.js';

/**
 * graphql-js and Apollo write the offending value into many request-error messages (`Variable "$i"
 * got invalid value { password: "…" }`, `found String "…"`, `Unknown operation named "…"`). A
 * client's error must never hand back what it sent (it may be a password or a provider key), so
 * every request error's message passes through here: known templates are rewritten to name the
 * place and the expected type, and any quoted text left that is not a GraphQL name is elided.
 */
export function safeRequestMessage(error: GraphQLError, apolloCode: string): string {
  return elideQuotedValues(rewrite(error, apolloCode));
}

const VALUE_KINDS = new Set<string>([Kind.STRING, Kind.INT, Kind.FLOAT, Kind.BOOLEAN, Kind.ENUM, Kind.NULL, Kind.LIST, Kind.OBJECT, Kind.OBJECT_FIELD]);

function rewrite(error: GraphQLError, apolloCode: string): string {
  const { message } = error;
  const node: ASTNode | undefined = error.nodes?.[0];
  if (apolloCode === 'GRAPHQL_PARSE_FAILED') return syntaxMessage(message);
  if (apolloCode === 'OPERATION_RESOLUTION_FAILURE' && message.startsWith('Unknown operation named')) {
    return 'No operation in the document has the name sent as operationName.';
  }
  if (node?.kind === Kind.VARIABLE_DEFINITION && !message.includes('got an invalid value') && / (got|has) invalid value /.test(message)) {
    // Our own check (graphql-input.ts) reports these first; graphql-js's wording would print the value.
    return `Variable "$${node.variable.name.value}" got an invalid value.`;
  }
  if (!node && apolloCode === 'GRAPHQL_VALIDATION_FAILED') {
    // graphql-js's own rules always locate their errors; one without a location is a scalar's
    // parseLiteral error passed on as thrown, in the scalar's words (which may quote the value).
    return 'A value in the document does not have the type its place expects.';
  }
  if (node && VALUE_KINDS.has(node.kind)) {
    if (message === UNSTORABLE_TEXT_MESSAGE) return message;
    if (/^Field "[\w.]+" of required type "[^"]+" was not provided\.$/.test(message)) return message;
    if (node.kind === Kind.OBJECT_FIELD && message.startsWith(`Field "${node.name.value}" is not defined by type `)) return message;
    const type = literalTypeOf(node);
    return type ? expectedType(type) : 'The value has the wrong type.';
  }
  return message;
}

/** `Expected Name, found String "hunter2".` → `Expected Name, found String.` */
function syntaxMessage(message: string): string {
  return message.replace(/\b(found|Unexpected) (Name|String|BlockString|Int|Float|Comment) "[\s\S]*$/, '$1 $2.').replace(/: "[\s\S]*$/, '.');
}

const SAFE_QUOTED = [
  /^\$?[_A-Za-z][_0-9A-Za-z]*(?:\.[_A-Za-z][_0-9A-Za-z]*|\.<key>|\[\d+\])*$/, // names, $variables, paths
  /^[[\]!_A-Za-z0-9]+$/, // type references such as [String!]!
  /^@[_A-Za-z][_0-9A-Za-z]*$/, // directives
  /^(?:[!$&():=@|{}[\]]|\.\.\.)$/, // punctuators in syntax errors
];

function elideQuotedValues(message: string): string {
  return message.replace(/"((?:[^"\\]|\\.)*)"/g, (whole, inner: string) => (SAFE_QUOTED.some((re) => re.test(inner)) ? whole : '"…"'));
}
