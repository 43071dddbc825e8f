import { randomUUID } from 'node:crypto';
import type { SqlPool, Sql } from '../../platform/sql.js';
import { BadUserInputError } from '../../platform/errors.js';
import { MEMBERSHIP_ENDED_TOPIC } from '../admin/index.js';
import type { Principal } from '../auth/index.js';
import * as rules from './teams.rules.js';
import { teamsStore as store, type MemberRecord, type TeamRecord } from './teams.store.js';

/** What the teams module needs of the principal cache: every membership change reaches every replica. */
export interface MembershipInvalidation {
  invalidate(personId: string): Promise<void>;
}

/** Where the end of a membership is announced: every replica closes the person's sockets acting for the team. */
export type MembershipEvents = Pick<EventTarget, 'dispatchEvent'>;

/**
 * Teams and their members (docs/decisions/0055-teams.md). Every operation reads the caller's
 * membership row itself (not the cached principal), so a change is in force at once; a change of
 * membership locks the team row first, so two owners demoting each other cannot leave none. After
 * commit, the person whose membership changed is invalidated in the principal cache (every replica).
 */
export class TeamsService {
  constructor(
    private readonly sql: SqlPool,
    private readonly principals: MembershipInvalidation,
    private readonly events?: MembershipEvents,
  ) {}

  /** The caller becomes its owner; the team starts on the free tier with an empty account (no sign-up bonus). */
  async create(caller: Principal, input: { name: unknown; billingEmail?: unknown }): Promise<TeamRecord> {
    const name = rules.teamName(input.name);
    const billingEmail = input.billingEmail == null ? null : rules.email(input.billingEmail, 'billingEmail');
    const id = randomUUID();
    const team = await this.sql.transaction(async (tx) => {
      const person = await store.lockPerson(tx, caller.userId);
      if (!person) throw new BadUserInputError('Only a person can create a team');
      if (person.teamsCreated >= rules.MAX_TEAMS_CREATED) {
        throw new BadUserInputError(`A person may create at most ${rules.MAX_TEAMS_CREATED} teams`);
      }
      await store.insertTeam(tx, { id, name, billingEmail: billingEmail ?? person.email, createdBy: caller.userId });
      return (await store.team(tx, id, caller.userId))!;
    });
    await this.principals.invalidate(caller.userId);
    return team;
  }

  /** The teams the signed-in person belongs to. */
  async mine(caller: Principal): Promise<TeamRecord[]> {
    return store.teamsOf(this.sql, caller.userId);
  }

  async team(caller: Principal, rawTeamId: unknown): Promise<TeamRecord> {
    const teamId = this.readable(caller, rawTeamId);
    const team = await store.team(this.sql, teamId, caller.userId);
    if (!team) throw rules.teamNotFound();
    return team;
  }

  async members(caller: Principal, rawTeamId: unknown): Promise<MemberRecord[]> {
    const teamId = this.readable(caller, rawTeamId);
    if (!(await store.role(this.sql, teamId, caller.userId))) throw rules.teamNotFound();
    return store.members(this.sql, teamId);
  }

  async update(caller: Principal, input: { teamId: unknown; name?: unknown; billingEmail?: unknown }): Promise<TeamRecord> {
    const teamId = rules.teamId(input.teamId);
    const name = input.name == null ? null : rules.teamName(input.name);
    const billingEmail = input.billingEmail == null ? null : rules.email(input.billingEmail, 'billingEmail');
    return this.sql.transaction(async (tx) => {
      await this.managerOf(tx, teamId, caller.userId);
      if (name !== null || billingEmail !== null) await store.update(tx, teamId, { name, billingEmail });
      return (await store.team(tx, teamId, caller.userId))!;
    });
  }

  async changeRole(caller: Principal, rawTeamId: unknown, rawUserId: unknown, rawRole: unknown): Promise<MemberRecord> {
    const teamId = rules.teamId(rawTeamId);
    const next = rules.role(rawRole);
    const targetId = rules.userId(rawUserId);
    const { member, changed } = await this.sql.transaction(async (tx) => {
      const callerRole = await this.memberOf(tx, teamId, caller.userId);
      rules.requireManager(callerRole);
      const target = await store.member(tx, teamId, targetId);
      if (!target) throw rules.memberNotFound();
      rules.checkRoleChange(callerRole, target.role, next);
      if (target.role === next) return { member: target, changed: false };
      if (target.role === 'owner' && (await store.ownerCount(tx, teamId)) <= 1) throw rules.lastOwner();
      await store.setRole(tx, teamId, targetId, next);
      return { member: { ...target, role: next }, changed: true };
    });
    if (changed) await this.principals.invalidate(targetId);
    return member;
  }

  /** Removing oneself is leaving (the same rules: the last owner stays). */
  async remove(caller: Principal, rawTeamId: unknown, rawUserId: unknown): Promise<boolean> {
    const teamId = rules.teamId(rawTeamId);
    const targetId = rules.userId(rawUserId);
    if (targetId === caller.userId) return this.leave(caller, teamId);
    await this.sql.transaction(async (tx) => {
      const callerRole = await this.memberOf(tx, teamId, caller.userId);
      rules.requireManager(callerRole);
      const target = await store.member(tx, teamId, targetId);
      if (!target) throw rules.memberNotFound();
      rules.checkRemoval(callerRole, target.role);
      if (target.role === 'owner' && (await store.ownerCount(tx, teamId)) <= 1) throw rules.lastOwner();
      await store.removeMember(tx, teamId, targetId);
    });
    await this.ended(targetId, teamId);
    return true;
  }

  async leave(caller: Principal, rawTeamId: unknown): Promise<boolean> {
    const teamId = rules.teamId(rawTeamId);
    await this.sql.transaction(async (tx) => {
      const role = await this.memberOf(tx, teamId, caller.userId);
      if (role === 'owner' && (await store.ownerCount(tx, teamId)) <= 1) throw rules.lastOwner();
      await store.removeMember(tx, teamId, caller.userId);
    });
    await this.ended(caller.userId, teamId);
    return true;
  }

  /**
   * After commit: every replica drops the person's cached principal (their team keys and acting
   * sessions are refused from the next request) and closes their live subscriptions acting for the
   * team (which never authenticate again).
   */
  private async ended(personId: string, teamId: string): Promise<void> {
    await this.principals.invalidate(personId);
    this.events?.dispatchEvent(new CustomEvent(MEMBERSHIP_ENDED_TOPIC, { detail: { userId: personId, accountId: teamId } }));
  }

  /**
   * A team a caller may read: a session, any team it is a member of; an API key, only the account
   * it belongs to (a team key reads its team, a personal key no team).
   */
  private readable(caller: Principal, rawTeamId: unknown): string {
    const teamId = rules.teamId(rawTeamId);
    if (caller.via === 'apiKey' && caller.accountId !== teamId) throw rules.teamNotFound();
    return teamId;
  }

  /** Locks the team (membership changes are serialised per team) and answers the caller's role in it. */
  private async memberOf(tx: Sql, teamId: string, personId: string) {
    if (!(await store.lockTeam(tx, teamId))) throw rules.teamNotFound();
    const role = await store.role(tx, teamId, personId);
    if (!role) throw rules.teamNotFound();
    return role;
  }

  private async managerOf(tx: Sql, teamId: string, personId: string) {
    const role = await this.memberOf(tx, teamId, personId);
    rules.requireManager(role);
    return role;
  }
}
