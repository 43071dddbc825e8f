import { Migration } from '@mikro-orm/migrations';

/**
 * Embedding models (docs/decisions/0052-embeddings.md): a model's `kind` says which endpoint serves
 * it, `chat` (completions) or `embedding` (`POST /v1/embeddings`). Every model already present is a
 * chat model. An embedding model writes no output, so its `max_output_tokens` may be 0; a chat model
 * still needs at least 1.
 */
export class Migration20261205000028Embeddings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table "model"
        add column "kind" text not null default 'chat' check ("kind" in ('chat', 'embedding')),
        drop constraint if exists "model_max_output_tokens_check",
        add constraint "model_max_output_tokens_check" check ("max_output_tokens" > 0 or ("kind" = 'embedding' and "max_output_tokens" = 0));`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "model" where "kind" = 'embedding';`);
    this.addSql(`
      alter table "model"
        drop constraint if exists "model_max_output_tokens_check",
        drop column "kind",
        add constraint "model_max_output_tokens_check" check ("max_output_tokens" > 0);`);
  }
}
