import type { EntityProperty } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, withClient } from '../../test-support/database.js';
import { connectDatabase, migrate, type Orm } from '../db.js';
import { createLogger } from '../logger.js';

/**
 * The entities are the readable data model: every table the migrations create has a MikroORM
 * entity, and each entity maps its table's columns exactly (names, types, nullability, primary
 * key). Checked against a database migrated from scratch, column by column, and against MikroORM's
 * own schema diff (whose constraint, index and default noise is filtered out: migrations own those).
 */
let db: { url: string; drop: () => Promise<void> };
let orm: Orm;
beforeAll(async () => {
  db = await createTestDatabase();
  const log = createLogger('silent');
  orm = await connectDatabase(db.url, log, { poolMax: 2 });
  await migrate(orm, db.url, log);
});
afterAll(async () => {
  await orm?.close(true);
  await db?.drop();
});

interface Column {
  type: string;
  nullable: boolean;
  primary: boolean;
}

/** What the migrations made: table → column → type as PostgreSQL prints it. */
async function databaseColumns(): Promise<Map<string, Map<string, Column>>> {
  const rows = await withClient(
    db.url,
    async (c) =>
      (
        await c.query<{ table: string; column: string; type: string; not_null: boolean; primary: boolean }>(`
        select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
          exists (select 1 from pg_index i where i.indrelid = c.oid and i.indisprimary and a.attnum = any (i.indkey)) as primary
        from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid
        where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped and c.relname not like 'mikro_orm_%'`)
      ).rows,
  );
  const tables = new Map<string, Map<string, Column>>();
  for (const r of rows) {
    if (!tables.has(r.table)) tables.set(r.table, new Map());
    tables.get(r.table)!.set(r.column, { type: r.type, nullable: !r.not_null, primary: r.primary });
  }
  return tables;
}

const ALIASES: Record<string, string> = {
  timestamptz: 'timestamp with time zone',
  int: 'integer',
  int4: 'integer',
  int8: 'bigint',
  bigserial: 'bigint',
  serial: 'integer',
  bool: 'boolean',
  json: 'jsonb',
};
const normalise = (type: string) => ALIASES[type.toLowerCase()] ?? type.toLowerCase();

/** What the entities say: table → column → type, from MikroORM's discovered metadata. */
function entityColumns(): Map<string, Map<string, Column>> {
  const tables = new Map<string, Map<string, Column>>();
  for (const meta of Object.values(orm.getMetadata().getAll())) {
    if (meta.embeddable || meta.virtual || !meta.tableName) continue;
    const columns = new Map<string, Column>();
    for (const prop of Object.values(meta.properties) as EntityProperty[]) {
      if (prop.kind === '1:m' || prop.kind === 'm:n' || prop.formula || (prop.kind === '1:1' && !prop.owner)) continue;
      prop.fieldNames.forEach((field, i) => {
        columns.set(field, { type: normalise(prop.columnTypes[i]), nullable: !!prop.nullable && !prop.primary, primary: !!prop.primary });
      });
    }
    tables.set(meta.tableName, columns);
  }
  return tables;
}

describe('every table has its entity, mapped exactly', () => {
  it('the tables the migrations create and the tables the entities map are the same set', async () => {
    const inDatabase = [...(await databaseColumns()).keys()].sort();
    const mapped = [...entityColumns().keys()].sort();
    expect({ withoutEntity: inDatabase.filter((t) => !mapped.includes(t)), withoutTable: mapped.filter((t) => !inDatabase.includes(t)) }).toEqual({
      withoutEntity: [],
      withoutTable: [],
    });
  });

  it('each entity maps its columns with the migrations’ names, types, nullability and primary key', async () => {
    const inDatabase = await databaseColumns();
    const mismatches: string[] = [];
    for (const [table, mapped] of entityColumns()) {
      const actual = inDatabase.get(table);
      if (!actual) continue; // reported by the test above
      for (const [column, want] of actual) {
        const got = mapped.get(column);
        if (!got) mismatches.push(`${table}.${column}: no property maps it`);
        else if (got.type !== want.type || got.nullable !== want.nullable || got.primary !== want.primary)
          mismatches.push(`${table}.${column}: entity ${JSON.stringify(got)}, database ${JSON.stringify(want)}`);
      }
      for (const column of mapped.keys()) if (!actual.has(column)) mismatches.push(`${table}.${column}: mapped, but no such column`);
    }
    expect(mismatches).toEqual([]);
  });

  it("MikroORM's own schema diff adds, drops or retypes no table or column", async () => {
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false, dropTables: true });
    const structural = diff
      .split('\n')
      .filter((line) => /create table|drop table|add column|drop column|set not null|drop not null|rename column/i.test(line))
      .filter((line) => !/^\s*$/.test(line));
    expect(structural).toEqual([]);
  });
});
