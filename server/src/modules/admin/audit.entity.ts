import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One admin action (migration 20): who, what, on what, when, with the state before and after.
 * Written and read through raw SQL (audit.store.ts); listed so the ORM knows the table.
 */
@Entity({ tableName: 'admin_audit' })
export class AdminAuditRecord {
  [OptionalProps]?: 'seq' | 'createdAt' | 'actorId' | 'targetId' | 'args' | 'before' | 'after';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'bigint', autoincrement: true, unique: true })
  seq!: bigint;

  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null = null;

  @Property({ type: 'text' })
  actorEmail!: string;

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'text' })
  targetType!: string;

  @Property({ type: 'text', nullable: true })
  targetId?: string | null = null;

  @Property({ type: 'text' })
  summary!: string;

  @Property({ type: 'json', nullable: true })
  args?: unknown = null;

  @Property({ type: 'json', nullable: true })
  before?: unknown = null;

  @Property({ type: 'json', nullable: true })
  after?: unknown = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

export const adminEntities = [AdminAuditRecord];
