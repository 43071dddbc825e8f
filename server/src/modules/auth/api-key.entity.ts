import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { ApiKeyScope } from '@tollgate/shared';
import { User } from './user.entity.js';

@Entity({ tableName: 'api_key' })
@Index({ properties: ['user', 'createdAt'] })
export class ApiKey {
  [OptionalProps]?: 'id' | 'scopes' | 'createdAt' | 'lastUsedAt' | 'revokedAt' | 'capMicro' | 'capPeriod' | 'expiresAt' | 'allowedModels';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  /** The account the key spends from: its owner's own (user id) or a team's (migration 30). */
  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'text' })
  name!: string;

  /** The non-secret start of the key, shown in lists so a user can tell keys apart. */
  @Property({ type: 'text', unique: true })
  prefix!: string;

  /** SHA-256 of the whole secret, hex. The secret itself is never stored. */
  @Property({ type: 'text', unique: true, hidden: true })
  secretHash!: string;

  @Property({ type: 'text[]' })
  scopes: ApiKeyScope[] = [];

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt?: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null = null;

  /** A spend cap per calendar period (UTC), both set or neither (docs/decisions/0056-spend-caps.md). */
  @Property({ type: 'bigint', nullable: true })
  capMicro?: bigint | null = null;

  @Property({ type: 'text', nullable: true })
  capPeriod?: string | null = null;

  /** After this instant the key is refused like a revoked one. */
  @Property({ type: 'timestamptz', nullable: true })
  expiresAt?: Date | null = null;

  /** The models the key may call; null: all its account's tier allows. */
  @Property({ type: 'text[]', nullable: true })
  allowedModels?: string[] | null = null;
}
