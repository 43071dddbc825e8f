import { Entity, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/**
 * One mail Tollgate sent, kept in the outbox, failed to deliver or suppressed by an opt-out
 * (migration 25). Written and read through raw SQL (mail.store.ts); listed so the ORM knows the table.
 */
@Entity({ tableName: 'mail_outbox' })
export class MailOutboxRecord {
  [OptionalProps]?: 'seq' | 'userId' | 'error' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'bigint', autoincrement: true, unique: true })
  seq!: bigint;

  /** app_user.id the mail is about (no foreign key: the record outlives the account); null for an address with no account. */
  @Property({ type: 'uuid', nullable: true })
  userId?: string | null = null;

  /** A MailKind. */
  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'text' })
  toAddress!: string;

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'text' })
  text!: string;

  /** sent | failed | suppressed */
  @Property({ type: 'text' })
  status!: string;

  /** smtp (SMTP_URL set) | outbox (development: kept here only) */
  @Property({ type: 'text' })
  transport!: string;

  /** Why delivery failed (the SMTP server's answer), without credentials. */
  @Property({ type: 'text', nullable: true })
  error?: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/** A user's choice for one mail kind; no row means the kind's default (sent). */
@Entity({ tableName: 'notification_preference' })
export class NotificationPreference {
  [PrimaryKeyProp]?: ['userId', 'kind'];
  [OptionalProps]?: 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @PrimaryKey({ type: 'text' })
  kind!: string;

  @Property({ type: 'boolean' })
  enabled!: boolean;

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

/** The mail module's MikroORM entities; entities.ts lists them. */
export const mailEntities: Function[] = [MailOutboxRecord, NotificationPreference];
