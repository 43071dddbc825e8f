import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A pending "forgot password" link (migration 26): one per user at most, replaced by a new request,
 * deleted when used. Written with named SQL (password-reset.store.ts); the token itself is never stored.
 */
@Entity({ tableName: 'password_reset' })
export class PasswordReset {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** app_user.id; unique: a new request replaces the user's older link. */
  @Property({ type: 'uuid', unique: true })
  userId!: string;

  /** SHA-256 (hex) of the link's token. */
  @Property({ type: 'text', unique: true, hidden: true })
  tokenHash!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
