import type { ActingTeam } from './acting-account';

/** Who acts, as far as the billing screens care (see api-keys/useActingAccess). */
export interface BillingActor {
  team: ActingTeam | null;
  /** A plain member of the team, not an owner or admin. */
  memberOnly: boolean;
}

export interface ManagerOnly {
  /** Disable (never hide) the controls that buy, subscribe, redeem or change billing. */
  locked: boolean;
  /** The one sentence a screen shows above them when locked, else null. */
  notice: string | null;
}

/**
 * On a team only an owner or admin may buy, subscribe, set auto-recharge, redeem, claim gifts,
 * change tier or provider keys (the server refuses a member with FORBIDDEN). A member is told so
 * up front, once per screen, rather than after pressing a button that cannot work; what is only
 * information stays readable. On one's own account, and while the role loads, nothing is locked:
 * the server still has the last word.
 */
export function managerOnly(actor: BillingActor): ManagerOnly {
  if (!actor.team || !actor.memberOnly) return { locked: false, notice: null };
  return { locked: true, notice: `Only an owner or admin of ${actor.team.name} can buy credits or change billing for the team.` };
}
