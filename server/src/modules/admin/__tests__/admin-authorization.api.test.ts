import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type GqlResult, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { ledgerAudit, keyFor, newUser, signInAdmin, type User } from '../../gateway/__tests__/support.js';
import { adminOperations } from '../admin-operations.js';
import { AUDIT_SPECS } from '../audit.snapshots.js';

/**
 * The authorization matrix (issue 12): every Query and Mutation whose @Authorized requirements
 * include 'admin' — found in type-graphql's metadata, so a new admin operation joins by itself — is
 * called with minimal valid arguments built from its argument types, as a user (session), with
 * the user's API key (completions + read) and with the admin's own key without the admin scope:
 * each answers FORBIDDEN and nothing in the database changes. As the admin none answers FORBIDDEN.
 */
let t: TestApp;
let admin: string;
let user: User;
let userKey: string;
let adminKey: string;
let schema: GraphQLSchema;
let ops: Array<{ kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }>;

const NO_SUCH_ID = '00000000-0000-4000-8000-00000000abcd';
const SCALARS: Record<string, unknown> = { ID: NO_SUCH_ID, String: 'x', Int: 1, Float: 1, Boolean: true, DateTime: '2026-01-01T00:00:00.000Z', Credits: '1' };

/** A minimal value the type accepts: required input fields only, one list item, an enum's first value. */
function minimal(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return minimal(type.ofType);
  if (isListType(type)) return [minimal(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return Object.fromEntries(fields.map((f) => [f.name, minimal(f.type)]));
  }
  if (isScalarType(type) && type.name in SCALARS) return SCALARS[type.name];
  throw new Error(`no minimal value for ${String(type)}: add it to SCALARS`);
}

function call(kind: string, field: GraphQLField<unknown, unknown>, token: string): Promise<GqlResult> {
  const required = field.args.filter((a) => isNonNullType(a.type));
  const defs = required.length ? `(${required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ')})` : '';
  const args = required.length ? `(${required.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  const variables = Object.fromEntries(required.map((a) => [a.name, minimal(a.type)]));
  return t.gql(`${kind} Matrix${defs} { ${field.name}${args}${selection} }`, variables, token);
}

/** Every row of every table (a key's last_used_at aside: using a key is not a write the caller asked for). */
async function fingerprint(): Promise<Record<string, string>> {
  return withClient(t.databaseUrl, async (c) => {
    const tables = (
      await c.query<{ name: string }>(
        `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
      )
    ).rows;
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const row = (
        await c.query<{ h: string }>(
          `select md5(coalesce(string_agg(r, '|' order by r), '')) as h from (select (to_jsonb(x) - 'last_used_at')::text as r from "${name}" x) s`,
        )
      ).rows[0]!;
      out[name] = row.h;
    }
    return out;
  });
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await signInAdmin(t);
  user = await newUser(t, admin, 'matrix');
  userKey = (await keyFor(t, user, ['completions', 'read'])).secret;
  adminKey = (await keyFor(t, { id: '', token: admin }, ['completions', 'read'])).secret;
  schema = buildClientSchema((await t.gql<IntrospectionQuery>(getIntrospectionQuery())).data!);
  ops = [
    ...adminOperations(schema, 'query').map((name) => ({ kind: 'query' as const, field: schema.getQueryType()!.getFields()[name]! })),
    ...adminOperations(schema, 'mutation').map((name) => ({ kind: 'mutation' as const, field: schema.getMutationType()!.getFields()[name]! })),
  ];
});
afterAll(async () => {
  await t?.stop();
});

describe('the admin authorization matrix', () => {
  it('finds every admin operation of the schema, and every admin-named field is one', () => {
    const names = ops.map((o) => o.field.name);
    // The metadata read must not come back empty or partial: these exist since issues 3 to 12.
    expect(names).toEqual(
      expect.arrayContaining([
        'adminSetTier',
        'adminGrantCredits',
        'adminAccounts',
        'ledgerAudit',
        'adminCreateCoupon',
        'adminUsers',
        'adminUser',
        'adminSuspendUser',
        'adminReactivateUser',
        'adminAuditLog',
        'adminBillingSummary',
      ]),
    );
    const adminNamed = [schema.getQueryType()!, schema.getMutationType()!]
      .flatMap((root) => Object.keys(root.getFields()))
      .filter((n) => n.startsWith('admin'));
    expect(
      adminNamed.filter((n) => !names.includes(n)),
      "an admin* field without @Authorized('admin')",
    ).toEqual([]);
  });

  it('knows how to audit every admin mutation (audit.snapshots.ts AUDIT_SPECS)', () => {
    const mutations = ops.filter((o) => o.kind === 'mutation').map((o) => o.field.name);
    expect(mutations.filter((n) => !AUDIT_SPECS[n])).toEqual([]);
  });

  it("refuses every admin operation to a user, a user's key and an admin's key without the admin scope: FORBIDDEN, nothing written", async () => {
    // One use of each key first, so the fingerprint is taken after its first last_used_at write anyway.
    await t.gql('{ me { email } }', {}, userKey);
    await t.gql('{ me { email } }', {}, adminKey);
    const before = await fingerprint();
    const wrong: string[] = [];
    for (const [who, token] of [
      ['user', user.token],
      ['user key', userKey],
      ['admin key without admin scope', adminKey],
    ] as const) {
      for (const op of ops) {
        const res = await call(op.kind, op.field, token);
        const code = res.errors?.[0]?.extensions?.code;
        if (code !== 'FORBIDDEN' || res.data?.[op.field.name]) wrong.push(`${op.field.name} as ${who}: ${code} ${JSON.stringify(res.errors?.[0]?.message)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it('lets the admin through every admin operation (never FORBIDDEN)', async () => {
    const wrong: string[] = [];
    for (const op of ops) {
      const res = await call(op.kind, op.field, admin);
      if (res.errors?.some((e) => e.extensions?.code === 'FORBIDDEN')) wrong.push(`${op.field.name}: ${JSON.stringify(res.errors)}`);
    }
    expect(wrong).toEqual([]);
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});
