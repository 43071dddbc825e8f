import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { ApiKeyScope } from '@tollgate/shared';
import { User } from './user.entity.js';

@Entity({ tableName: 'api_key' })
@Index({ properties: ['user', 'createdAt'] })
export class ApiKey {
  [OptionalProps]?: 'id' | 'scopes' | 'createdAt' | 'lastUsedAt' | 'revokedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

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
}
