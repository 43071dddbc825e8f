/**
 * fast-check arbitraries for the input fuzz: GraphQL operations derived from the served schema (so
 * a new operation is fuzzed without touching this file), hostile variable values for each input
 * type, malformed documents and request bodies, and OpenAI-style /v1 bodies.
 *
 * SECRET is planted only where the value is refused by its type (a string where a number or an
 * object is expected, an unknown field, any leaf of a wrong-typed tree), in fields that carry
 * secrets (password, apiKey), and in fields holding an identifier a message may name (model, tier,
 * idempotency key, service): there it is never id-shaped (a space, a quote, or past 100
 * characters), since an id-shaped one may be quoted back (`Model "openai/gpt-4o" not found`).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

export const SECRET = `sk_fuzz_${randomUUID().replaceAll('-', '')}`;

export interface Operation {
  kind: 'query' | 'mutation' | 'subscription';
  field: string;
  document: string;
  variables: Array<{ name: string; type: GraphQLInputType }>;
}

/** One operation per root field: every argument passed as a variable, `__typename` selected. */
export function operationsOf(schema: GraphQLSchema): Operation[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const;
  const ops: Operation[] = [];
  for (const [kind, root] of roots) {
    for (const field of Object.values(root?.getFields() ?? {}) as Array<GraphQLField<unknown, unknown>>) {
      const variables = field.args.map((a) => ({ name: a.name, type: a.type }));
      const defs = variables.length ? `(${variables.map((v) => `$${v.name}: ${String(v.type)}`).join(', ')})` : '';
      const args = variables.length ? `(${variables.map((v) => `${v.name}: $${v.name}`).join(', ')})` : '';
      const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
      ops.push({ kind, field: field.name, variables, document: `${kind} Fuzz${defs} { ${field.name}${args}${selection} }` });
    }
  }
  return ops;
}

const HOSTILE = ['\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\udc00\ud800', "'; drop table app_user; --", '%00', '\\u0000', '💸', '\u202e', ' ', ''];

/** Strings a field of type String may receive: odd, unstorable, long; never the secret. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 3, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...HOSTILE), fc.string({ maxLength: 8 })).map((p) => p.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'é'.repeat(n)) },
);

export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, -(2 ** 31) - 1, 2 ** 31, 2 ** 53, -(2 ** 53), 1e21, -1e300, 1.5, 5e-324),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON, deep or wide, with the secret and unstorable text among its leaves. */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => ({ v, s: SECRET })) },
  { weight: 3, arbitrary: fc.array(fc.oneof(fc.constant(SECRET), nastyString, nastyNumber), { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 2_000 }).map((n) => nest(n, SECRET)) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 2_000 }).map((n) => nestList(n, SECRET)) },
);

function nest(depth: number, leaf: unknown): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i += 1) v = { a: v };
  return v;
}
function nestList(depth: number, leaf: unknown): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i += 1) v = [v];
  return v;
}

const SECRET_FIELD = /password|apikey|secret/i;
/** Fields whose value a message may name when it is id-shaped (`^[\w./:-]{1,100}$`, platform/echo.ts). */
const ID_FIELD = /^(model|modelId|tier|code|idempotencyKey|service)$/;

/** The secret as an identifier no message may quote: not id-shaped. A few fixed ones, so a key can be reused. */
export const idBait: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(`${SECRET} pasted`, `"${SECRET}"`, `${'x'.repeat(70)}${SECRET}`, `${SECRET}\n`),
  fc.tuple(nastyString, fc.constantFrom(' ', '"', '\u0000', '💸', '\\')).map(([s, odd]) => `${s}${odd}${SECRET}`),
);

/** A value for `type`: usually its shape with hostile leaves, sometimes null or a wrong type. */
export function valueFor(type: GraphQLInputType, fieldName = '', depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return fc.oneof({ weight: 12, arbitrary: valueFor(type.ofType, fieldName, depth) }, { weight: 1, arbitrary: fc.constant(null) });
  const wrong = wrongFor(type);
  let shaped: fc.Arbitrary<unknown>;
  if (depth > 4) shaped = fc.constant(null);
  else if (isListType(type)) {
    const item = valueFor(type.ofType as GraphQLInputType, fieldName, depth + 1);
    shaped = fc.oneof(
      fc.array(item, { maxLength: 4 }),
      item,
      fc.integer({ min: 500, max: 2_000 }).map((n) => Array.from({ length: n }, () => 1)),
    );
  } else if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const model = Object.fromEntries(fields.map((f) => [f.name, valueFor(f.type, f.name, depth + 1)]));
    const required = fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => f.name);
    shaped = fc.tuple(fc.record(model, { requiredKeys: required }), fc.boolean()).map(([o, extra]) => (extra ? { ...o, fuzzUnknown: SECRET } : o));
  } else if (isEnumType(type)) {
    shaped = fc.oneof(fc.constantFrom(...type.getValues().map((v) => v.name)), fc.constant(SECRET), nastyString);
  } else {
    shaped = scalarValue(type.name, fieldName);
  }
  return fc.oneof({ weight: 8, arbitrary: shaped }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: wrong });
}

function scalarValue(name: string, fieldName: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'Int':
    case 'SafeInt':
    case 'Float':
      return nastyNumber;
    case 'Boolean':
      return fc.boolean();
    case 'Credits':
      return fc.oneof(fc.constantFrom('0', '1', '-1', '+1', '0.0000001', '1e3', ' 1 ', '9'.repeat(40), SECRET), fc.nat().map(String), nastyString);
    case 'DateTime':
      return fc.oneof(
        fc.date({ noInvalidDate: true, min: new Date(-8e15), max: new Date(8e15) }).map((d) => d.toISOString()),
        fc.constantFrom('2026-13-45T99:00:00Z', SECRET),
        nastyString,
      );
    default:
      // String and ID take any string: the secret goes only into fields that hold secrets or name an id.
      if (SECRET_FIELD.test(fieldName))
        return fc.oneof(
          fc.constant(SECRET),
          nastyString.map((s) => SECRET + s),
        );
      return ID_FIELD.test(fieldName) ? fc.oneof({ weight: 2, arbitrary: nastyString }, { weight: 1, arbitrary: idBait }) : nastyString;
  }
}

/** A value of another JSON kind than the type accepts, carrying the secret. */
function wrongFor(type: GraphQLInputType): fc.Arbitrary<unknown> {
  const named = getNamedType(type);
  // A list of strings takes a bare string too (GraphQL coerces it to a list of one).
  const takesStrings = !isInputObjectType(named) && ['String', 'ID'].includes(named.name);
  return takesStrings ? garbage.filter((g) => typeof g !== 'string') : fc.oneof(garbage, fc.constant(SECRET));
}

export function variablesFor(op: Operation): fc.Arbitrary<Record<string, unknown>> {
  const model = Object.fromEntries(op.variables.map((v) => [v.name, valueFor(v.type, v.name)]));
  return fc.tuple(fc.record(model, { requiredKeys: [] }), fc.boolean()).map(([vars, extra]) => (extra ? { ...vars, fuzzUnused: SECRET } : vars));
}

/** Broken and hostile documents, many built from the real operations. */
export function malformedDocument(ops: Operation[]): fc.Arbitrary<string> {
  const op = fc.constantFrom(...ops);
  const deep = (n: number) => `{ me { ${'tier { '.repeat(n)}code${' }'.repeat(n)} } }`;
  return fc.oneof(
    op.chain((o) => fc.nat({ max: o.document.length }).map((i) => o.document.slice(0, i))),
    op.chain((o) =>
      fc.tuple(fc.nat({ max: o.document.length }), fc.string({ maxLength: 3 })).map(([i, s]) => o.document.slice(0, i) + s + o.document.slice(i + 1)),
    ),
    fc.constantFrom(
      '{ me { ...Missing } }',
      '{ me { ...A } } fragment A on User { ...B } fragment B on User { ...A }',
      '{ me { ...A } } fragment A on User { id ...A }',
      '{ ...Q } fragment Q on Query { ...Q }',
      '{ me { ...A } } fragment A on Nope { id }',
      'subscription { balanceChanged { balance } }',
      'query A { me { id } } query A { me { id } }',
      '{ me { id } } query B { me { id } }',
      'query($a: User) { me { id } }',
      'query($a: Int = "x") { me { id } }',
      'query { me @include(if: "yes") { id } }',
      'query { me @nope { id } }',
      'query($a: Int) { me { id } }',
      '{ me { id(x: 1) } }',
      `mutation { signIn(input: { email: 5, password: "${SECRET}" }) { token } }`,
      `mutation { signIn(input: { email: "a@b.co", password: ${SECRET} }) { token } }`,
      `mutation { setProviderKey(input: { provider: 7, apiKey: "${SECRET}" }) { provider } }`,
      `mutation { signIn(input: { email: "a@b.co" "${SECRET}" }) { token } }`,
      `{ creditTransactions(types: [${SECRET}]) { totalCount } }`,
      `mutation { adminGrantCredits(input: { userId: "1", amount: "${SECRET}", reason: "r", idempotencyKey: "k" }) { id } }`,
      `{ usageSummary(from: "${SECRET}") { requests } }`,
      '{ me { id } ',
      '',
      '#',
      '\u0000',
      '{ me { email(a: "\\u0000") } }',
      '{ signUp }',
    ),
    fc.integer({ min: 5, max: 400 }).map(deep),
    fc.integer({ min: 10, max: 1_500 }).map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`),
    fc.integer({ min: 5, max: 40 }).map(fragmentBomb),
    fc.string({ maxLength: 60 }),
  );
}

/** Each fragment spreads the next twice: 2^n selections once expanded, n fragments long. */
function fragmentBomb(n: number): string {
  const defs = Array.from({ length: n }, (_, i) => `fragment F${i} on User { id ${i + 1 < n ? `...F${i + 1} ...F${i + 1}` : ''} }`);
  return `{ me { ...F0 } } ${defs.join(' ')}`;
}

/** Whole request bodies that are not a well-formed GraphQL request. */
export const malformedBody: fc.Arbitrary<{ body: string; contentType: string }> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ body: JSON.stringify(v), contentType: 'application/json' })),
  fc
    .record(
      { query: fc.oneof(fc.jsonValue(), fc.constant('{ __typename }')), variables: fc.jsonValue(), operationName: fc.jsonValue(), extensions: fc.jsonValue() },
      { requiredKeys: [] },
    )
    .map((v) => ({ body: JSON.stringify(v), contentType: 'application/json' })),
  fc
    .tuple(
      fc.record(
        { version: fc.oneof(fc.constant(1), fc.jsonValue()), sha256Hash: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), fc.jsonValue()) },
        { requiredKeys: [] },
      ),
      fc.constantFrom('{ __typename }', undefined),
    )
    .map(([persistedQuery, query]) => ({ body: JSON.stringify({ query, extensions: { persistedQuery } }), contentType: 'application/json' })),
  fc.string({ maxLength: 80 }).map((body) => ({ body, contentType: 'application/json' })),
  fc
    .tuple(
      fc.string({ maxLength: 80 }),
      fc.constantFrom('text/plain', 'application/graphql', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'),
    )
    .map(([body, contentType]) => ({ body, contentType })),
  fc.integer({ min: 1, max: 3_000 }).map((n) => ({ body: `${'['.repeat(n)}${']'.repeat(n)}`, contentType: 'application/json' })),
);

/** OpenAI chat-completions bodies: the right shape with hostile values, or not the right shape. */
export const v1Body: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record(
        {
          model: fc.oneof(nastyString, garbage, idBait),
          messages: fc.oneof(
            fc.array(
              fc.record(
                {
                  role: fc.oneof(fc.constantFrom('user', 'system', 'assistant', 'developer', 'tool'), fc.constant(SECRET), garbage),
                  content: fc.oneof(
                    nastyString,
                    garbage,
                    fc.array(fc.record({ type: fc.oneof(fc.constant('text'), nastyString), text: fc.oneof(nastyString, garbage) }), { maxLength: 3 }),
                  ),
                },
                { requiredKeys: [] },
              ),
              { maxLength: 4 },
            ),
            garbage,
          ),
          max_tokens: fc.oneof(nastyNumber, garbage),
          max_completion_tokens: fc.oneof(nastyNumber, garbage),
          temperature: fc.oneof(nastyNumber, garbage),
          stream: fc.oneof(fc.boolean(), garbage),
          stream_options: fc.oneof(fc.record({ include_usage: fc.oneof(fc.boolean(), garbage) }), garbage),
          n: fc.oneof(nastyNumber, garbage),
          tools: fc.oneof(fc.array(garbage, { maxLength: 2 }), garbage),
          user: fc.oneof(nastyString, garbage),
        },
        { requiredKeys: [] },
      )
      .map((b) => JSON.stringify(b)),
  },
  { weight: 2, arbitrary: garbage.map((g) => JSON.stringify(g)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`) },
);

export interface IdEchoRequest {
  who: 'user' | 'admin' | 'key';
  path: string;
  method: 'GET' | 'POST';
  body?: unknown;
}

/**
 * Requests valid in every part but one identifier, which is the bait: each gets as far as the code
 * that names the id it could not find (the random variables above rarely get past validation).
 */
/** A lone surrogate cannot be percent-encoded: it is replaced, the secret stays. */
function pathSegment(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\ufffd'));
}

export function idEchoRequest(userId: string): fc.Arbitrary<IdEchoRequest> {
  const gql = (who: IdEchoRequest['who'], query: string, variables: (bait: string) => Record<string, unknown>) =>
    idBait.map((bait): IdEchoRequest => ({ who, path: '/graphql', method: 'POST', body: { query, variables: variables(bait) } }));
  return fc.oneof(
    gql('user', 'mutation($i: CompletionInput!) { complete(input: $i) { id } }', (model) => ({ i: { model, prompt: 'hi', maxTokens: 5 } })),
    gql('user', 'mutation($i: TrackUsageInput!) { trackUsage(input: $i) { __typename } }', (service) => ({
      i: { service, units: 1, idempotencyKey: randomUUID() },
    })),
    gql('admin', 'mutation($u: ID!, $t: String!) { adminSetTier(userId: $u, tier: $t) { id } }', (tier) => ({ u: userId, t: tier })),
    gql('admin', 'query($m: ID!) { modelPriceHistory(modelId: $m) { __typename } }', (modelId) => ({ m: modelId })),
    gql('admin', 'mutation($m: ID!) { adminSetModelActive(modelId: $m, active: false) }', (modelId) => ({ m: modelId })),
    idBait.map((model): IdEchoRequest => ({
      who: 'key',
      path: '/v1/chat/completions',
      method: 'POST',
      body: { model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 },
    })),
    idBait.map((model): IdEchoRequest => ({ who: 'key', path: `/v1/models/${pathSegment(model)}`, method: 'GET' })),
  );
}
