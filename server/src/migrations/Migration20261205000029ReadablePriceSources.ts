import { Migration } from '@mikro-orm/migrations';

/**
 * The sandbox models' price versions were seeded with a source naming a project document
 * (a Markdown file name followed by "(sandbox/echo)", e.g. "docs/api.md (sandbox/echo)"), shown as is on the models and
 * price-history screens. They read as what they are now (catalog.data.ts's SANDBOX_PRICE_SOURCE).
 * Only the text changes: the prices, and what was charged at them, stay as they were.
 */
const READABLE = 'Set by Tollgate (offline sandbox model, no provider)';
/** The statement, exported so a test runs it against rows written the old way. */
export const READABLE_PRICE_SOURCES_SQL = `update model_price set source = '${READABLE}' where source like '%.md (sandbox/%)';`;

export class Migration20261205000029ReadablePriceSources extends Migration {
  override async up(): Promise<void> {
    this.addSql(READABLE_PRICE_SOURCES_SQL);
  }

  override async down(): Promise<void> {
    // The old texts are not worth restoring: they were never meant for people.
  }
}
