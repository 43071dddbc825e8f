import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * A user's own provider key (migration 7), AES-256-GCM sealed under the keyring key `keyId`:
 * never the key itself, only its last four characters in the clear. One per user and provider.
 * Read and written by provider-key.store.ts.
 */
@Entity({ tableName: 'provider_key' })
@Unique({ properties: ['userId', 'provider'] })
export class ProviderKey {
  [OptionalProps]?: 'createdAt' | 'lastUsedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** app_user.id */
  @Property({ type: 'uuid' })
  userId!: string;

  /** openai | anthropic | google | openrouter */
  @Property({ type: 'text' })
  provider!: string;

  /** Which keyring key sealed it: rotation finds the rows still sealed under an old one. */
  @Property({ type: 'text' })
  keyId!: string;

  @Property({ type: 'blob', hidden: true })
  iv!: Buffer;

  @Property({ type: 'blob', hidden: true })
  ciphertext!: Buffer;

  @Property({ type: 'blob', hidden: true })
  tag!: Buffer;

  @Property({ type: 'text' })
  last4!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt?: Date | null;
}

/** BYOK's entities; entities.ts lists them. */
export const byokEntities: Function[] = [ProviderKey];
