import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { SpendPeriod, TeamRole } from '@tollgate/shared';

/** A team: its id is its account holder's (`app_user` of kind `team`), so its money is an account like anyone's. */
@Entity({ tableName: 'team' })
export class Team {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  /** Where receipts and billing mail go. */
  @Property({ type: 'text' })
  billingEmail!: string;

  @Property({ type: 'uuid' })
  createdBy!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/** A person's place in a team: their role and, if set, their spend cap there. */
@Entity({ tableName: 'team_member' })
export class TeamMember {
  [OptionalProps]?: 'capMicro' | 'capPeriod' | 'joinedAt';

  @PrimaryKey({ type: 'uuid' })
  teamId!: string;

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  role!: TeamRole;

  @Property({ type: 'bigint', nullable: true })
  capMicro?: bigint | null = null;

  @Property({ type: 'text', nullable: true })
  capPeriod?: SpendPeriod | null = null;

  @Property({ type: 'timestamptz' })
  joinedAt: Date = new Date();
}

/** An invitation: to an email address, or a link anyone holding it may accept; only the token's hash is kept. */
@Entity({ tableName: 'team_invitation' })
export class TeamInvitation {
  [OptionalProps]?: 'email' | 'createdAt' | 'acceptedBy' | 'acceptedAt' | 'revokedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  teamId!: string;

  @Property({ type: 'text', nullable: true })
  email?: string | null = null;

  @Property({ type: 'text' })
  role!: Exclude<TeamRole, 'owner'>;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @Property({ type: 'uuid' })
  invitedBy!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'uuid', nullable: true })
  acceptedBy?: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt?: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null = null;
}

export const teamsEntities = [Team, TeamMember, TeamInvitation];
