/**
 * What the team money suites share: a team made the way the teams module makes one (an account
 * holder of kind `team`, its `team` row, its members, its credit account), requests acting for it,
 * and team keys. Teams are set up in SQL so these suites test billing and reads, not the team
 * screens; every membership change is followed by the principal cache's invalidation, as the
 * teams module does after its own commits.
 */
import { randomUUID } from 'node:crypto';
import { parseCredits } from '@tollgate/shared';
import type { GqlResult, TestApp } from '../../../test-support/app.js';
import { createKey, uniqueEmail } from '../../auth/__tests__/helpers.js';
import { ok } from '../../gateway/__tests__/support.js';

export type TeamRole = 'owner' | 'admin' | 'member';

export interface Person {
  id: string;
  token: string;
}

export interface Team {
  id: string;
  billingEmail: string;
}

/** A new team created by `owner`, billed to a fresh address of its own unless one is given. */
export async function makeTeam(t: TestApp, owner: Person, billingEmail = uniqueEmail('billing')): Promise<Team> {
  const id = randomUUID();
  await t.app.sql.transaction(async (tx) => {
    await tx.query(`insert into app_user (id, email, password_hash, role, tier_code, kind) values ($1, $2, '!', 'user', 'free', 'team')`, [
      id,
      `team-${id}@teams.invalid`,
    ]);
    await tx.query(`insert into team (id, name, billing_email, created_by) values ($1, $2, $3, $4)`, [id, `Team ${id.slice(0, 8)}`, billingEmail, owner.id]);
    await tx.query(`insert into credit_account (id, user_id) values ($1, $2) on conflict (user_id) do nothing`, [randomUUID(), id]);
  });
  await addMember(t, id, owner, 'owner');
  return { id, billingEmail: billingEmail.toLowerCase() };
}

export async function addMember(t: TestApp, teamId: string, person: Person, role: TeamRole): Promise<void> {
  await t.app.sql.query(`insert into team_member (team_id, user_id, role) values ($1, $2, $3)`, [teamId, person.id, role]);
  await t.app.services.principals.invalidate(person.id);
}

/** The header that makes a session act for a team. */
export const acting = (teamId: string) => ({ 'x-tollgate-account': teamId });

/** A GraphQL request acting for the team. */
export function asTeam(t: TestApp, teamId: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<GqlResult> {
  return t.gql(query, variables, token, acting(teamId));
}

/** A key of `person` on the team's account (a team key), with the scopes given. */
export async function teamKey(
  t: TestApp,
  person: Person,
  teamId: string,
  name: string,
  scopes = ['read', 'completions'],
): Promise<{ id: string; secret: string }> {
  const key = await createKey(t, person.token, scopes, name);
  await t.app.sql.query(`update api_key set account_id = $2 where id = $1`, [key.id, teamId]);
  await t.app.services.principals.invalidate(person.id);
  return key;
}

/** The team's balance as its members see it. */
export async function teamBalance(t: TestApp, teamId: string, token: string): Promise<{ balance: bigint; available: bigint }> {
  const b = ok(await asTeam(t, teamId, token, '{ creditBalance { balance available } }'), 'creditBalance');
  return { balance: parseCredits(b.balance), available: parseCredits(b.available) };
}

/** The account's tier code as stored (a team's tier is its account holder's). */
export async function storedTier(t: TestApp, accountId: string): Promise<string> {
  return (await t.app.sql.query(`select tier_code from app_user where id = $1`, [accountId]))[0]!.tier_code;
}
