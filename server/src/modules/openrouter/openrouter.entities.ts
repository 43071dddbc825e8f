import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A user's OpenRouter key (migration 27), created by Tollgate through OpenRouter's key-management
 * API and sealed like a BYOK key: never the key itself in the clear. One per user. Read and written
 * by openrouter.store.ts.
 */
@Entity({ tableName: 'openrouter_key' })
export class OpenRouterKey {
  [OptionalProps]?: 'disabled' | 'usageNano' | 'syncedAt' | 'createdAt' | 'updatedAt';

  /** app_user.id: the key exists once per user. */
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  /** OpenRouter's id for the key, what the management API is called with. */
  @Property({ type: 'text', unique: true })
  keyHash!: string;

  /** OpenRouter's label (a masked form of the key), safe to show. */
  @Property({ type: 'text' })
  label!: string;

  /** Which keyring key sealed it. */
  @Property({ type: 'text' })
  keyId!: string;

  @Property({ type: 'blob', hidden: true })
  iv!: Buffer;

  @Property({ type: 'blob', hidden: true })
  ciphertext!: Buffer;

  @Property({ type: 'blob', hidden: true })
  tag!: Buffer;

  /** The spending limit last set on OpenRouter, in cents. */
  @Property({ type: 'bigint' })
  limitCents!: bigint;

  @Property({ type: 'boolean' })
  disabled: boolean = false;

  /** OpenRouter's reported usage at the last sync, nano-dollars. */
  @Property({ type: 'bigint' })
  usageNano: bigint = 0n;

  @Property({ type: 'timestamptz', nullable: true })
  syncedAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

/** OpenRouter automation's entities; entities.ts lists them. */
export const openRouterEntities: Function[] = [OpenRouterKey];
