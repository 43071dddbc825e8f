import type { SpendPeriod } from '@tollgate/shared';
import { ForbiddenError } from '../../platform/errors.js';
import type { SqlPool } from '../../platform/sql.js';
import { storedCap, validCap, type Principal, type SpendCap } from '../auth/index.js';
import type { PeriodSpend, SpendReads } from '../ledger/index.js';
import { memberCapsStore as store, type MemberCapRecord } from './member-caps.store.js';
import * as rules from './teams.rules.js';
import type { MembershipInvalidation } from './teams.service.js';
import { teamsStore } from './teams.store.js';

/** A member with their cap, the cap's current period spend, and what they spent this calendar month. */
export interface MemberCapView {
  member: MemberCapRecord;
  cap: SpendCap | null;
  spend: PeriodSpend | null;
  month: PeriodSpend;
}

/**
 * Per-member spend caps on a team (docs/decisions/0060-key-limits-api.md). Owners and admins set
 * them (an admin not on an owner); a member sees only their own and can set none, their own
 * included. Who the caller is in the team is read from team_member at each call, not from the
 * cached principal; after a change the member's principal is invalidated on every replica.
 */
export class MemberCapsService {
  constructor(
    private readonly sql: SqlPool,
    private readonly principals: MembershipInvalidation,
    private readonly spend: SpendReads,
  ) {}

  /** Owners and admins: every member; a member: their own row. An API key reads only its own team. */
  async list(caller: Principal, rawTeamId: unknown): Promise<MemberCapView[]> {
    const teamId = rules.teamId(rawTeamId);
    if (caller.via === 'apiKey' && caller.accountId !== teamId) throw rules.teamNotFound();
    const role = await teamsStore.role(this.sql, teamId, caller.userId);
    if (!role) throw rules.teamNotFound();
    const manager = role === 'owner' || role === 'admin';
    return this.views(teamId, await store.list(this.sql, teamId, manager ? null : caller.userId));
  }

  /** Sets (or with a null cap clears) a member's cap. */
  async set(caller: Principal, input: { teamId: unknown; userId: unknown; cap?: { limit: bigint; period: string } | null }): Promise<MemberCapView> {
    const teamId = rules.teamId(input.teamId);
    const targetId = rules.userId(input.userId);
    const cap = validCap(input.cap);
    const member = await this.sql.transaction(async (tx) => {
      if (!(await teamsStore.lockTeam(tx, teamId))) throw rules.teamNotFound();
      const callerRole = await teamsStore.role(tx, teamId, caller.userId);
      if (!callerRole) throw rules.teamNotFound();
      rules.requireManager(callerRole);
      const target = await store.lockMember(tx, teamId, targetId);
      if (!target) throw rules.memberNotFound();
      if (callerRole === 'admin' && target.role === 'owner') throw new ForbiddenError('Only an owner may set the cap of an owner');
      await store.setCap(tx, teamId, targetId, cap ? { micro: cap.amountMicro, period: cap.period } : null);
      return { ...target, capMicro: cap?.amountMicro ?? null, capPeriod: cap?.period ?? null };
    });
    // Committed: the member's cached principal (it carries the cap) goes on every replica before we answer.
    await this.principals.invalidate(targetId);
    return (await this.views(teamId, [member]))[0]!;
  }

  /** Each member's cap spend and month spend, all in one statement. */
  private async views(teamId: string, members: MemberCapRecord[]): Promise<MemberCapView[]> {
    const caps = members.map((m) => storedCap(m.capMicro, m.capPeriod));
    const queries = members.map((m) => ({ id: m.userId, period: 'month' as SpendPeriod }));
    members.forEach((m, i) => {
      if (caps[i]) queries.push({ id: m.userId, period: caps[i]!.period });
    });
    const spent = await this.spend.members(teamId, queries);
    let next = members.length;
    return members.map((member, i) => ({ member, cap: caps[i] ?? null, month: spent[i]!, spend: caps[i] ? spent[next++]! : null }));
  }
}
