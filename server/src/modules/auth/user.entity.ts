import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import type { Role } from '@tollgate/shared';

@Entity({ tableName: 'app_user' })
export class User {
  [OptionalProps]?: 'id' | 'role' | 'tierCode' | 'createdAt' | 'updatedAt' | 'sessionEpoch' | 'kind';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Stored normalised (trimmed, lower case); unique. */
  @Property({ type: 'text', unique: true })
  email!: string;

  /** argon2id encoded hash (algorithm, parameters and salt included). */
  @Property({ type: 'text', hidden: true })
  passwordHash!: string;

  @Enum({ items: ['user', 'admin'], type: 'text' })
  role: Role = 'user';

  @Property({ type: 'text' })
  tierCode = 'free';

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /**
   * Set while an admin has suspended the account: sessions, keys and sign-in are refused (migration 20).
   * No initializer, so a sign-up's insert leaves both to the column default (null) and does not list them.
   */
  @Property({ type: 'timestamptz', nullable: true })
  suspendedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  suspendedReason?: string | null;

  /**
   * Sessions carry the epoch they were issued at; a password change or reset adds one, which ends
   * every older session (migration 26, docs/decisions/0050-password-flows.md).
   */
  @Property({ type: 'integer' })
  sessionEpoch: number = 0;

  /** `team`: the account holder of a team (migration 30, docs/decisions/0055-teams.md); it never signs in. */
  @Property({ type: 'text' })
  kind: 'person' | 'team' = 'person';
}
