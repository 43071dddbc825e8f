import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * A gift of credits (migration 17): pending until the recipient claims it, returned to the sender
 * once it expires. Written with named SQL on the money path (gift.store.ts); credits are bigint
 * micro-credits. Idempotent per sender and key.
 */
@Entity({ tableName: 'gift' })
@Unique({ properties: ['senderId', 'idempotencyKey'] })
export class Gift {
  [OptionalProps]?: 'recipientId' | 'message' | 'status' | 'claimTokenHash' | 'claimedAt' | 'returnedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** app_user.id */
  @Property({ type: 'uuid' })
  senderId!: string;

  /** Lower case. */
  @Property({ type: 'text' })
  recipientEmail!: string;

  /** app_user.id once known. */
  @Property({ type: 'uuid', nullable: true })
  recipientId?: string | null;

  @Property({ type: 'bigint' })
  credits!: bigint;

  @Property({ type: 'text', nullable: true })
  message?: string | null;

  /** pending | claimed | returned */
  @Property({ type: 'text' })
  status: string = 'pending';

  /** SHA-256 of the claim link's token; the token itself is never stored. */
  @Property({ type: 'text', nullable: true, unique: true, hidden: true })
  claimTokenHash?: string | null;

  @Property({ type: 'text' })
  idempotencyKey!: string;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  claimedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  returnedAt?: Date | null;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;
}

/** The gifts work's MikroORM entities; entities.ts lists them. */
export const giftsEntities: Function[] = [Gift];
