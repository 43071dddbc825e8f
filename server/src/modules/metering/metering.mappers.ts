import type { Principal } from '../auth/index.js';
import type { UsageWarningPayload } from './metering.events.js';
import type { DailyUsage, MemberUsage, ModelUsage, UsageSummary, UsageWarning } from './metering.types.js';
import type { TrackCaller } from './track-usage.js';
import type { DayTotals, MemberTotals, ModelTotals, UsageTotals } from './usage.reads.js';

/** SafeInt fields: exact as a JS number up to 2^53, far past any count the tables can hold. */
const count = (n: bigint) => Number(n);

function figures(t: UsageTotals) {
  return {
    requests: count(t.requests),
    cachedRequests: count(t.cachedRequests),
    errorRequests: count(t.errorRequests),
    inputTokens: count(t.inputTokens),
    outputTokens: count(t.outputTokens),
    credits: t.charged,
    creditsSaved: t.saved,
  };
}

export const toUsageSummary = (s: UsageTotals & { from: Date; to: Date }): UsageSummary => ({ from: s.from, to: s.to, ...figures(s) });

export const toModelUsage = (m: ModelTotals): ModelUsage => ({ service: m.service, model: m.model || m.service, units: count(m.units), ...figures(m) });

export const toDailyUsage = (d: DayTotals): DailyUsage => ({ day: d.day, ...figures(d) });

export const toMemberUsage = (m: MemberTotals): MemberUsage => ({
  userId: m.memberId,
  email: m.email,
  requests: m.requests,
  tokens: count(m.tokens),
  cost: m.charged,
});

export const toUsageWarning = (p: UsageWarningPayload): UsageWarning => ({
  kind: p.kind,
  month: p.month,
  used: Number(p.used),
  limit: Number(p.limit),
  percent: p.percent,
});

/**
 * Acting for a team as a plain member (by session or with their team key), usage reads answer the
 * person's own calls only; otherwise (an owner, an admin, one's own account) the whole account's
 * (docs/decisions/0057-team-billing.md).
 */
export const ownOnly = (p: Pick<Principal, 'userId' | 'team'>): string | null => (p.team?.role === 'member' ? p.userId : null);

/** An admin: a signed-in admin, or an admin's key that carries the admin scope. */
export function isAdmin(p: Principal): boolean {
  return p.role === 'admin' && (p.via === 'session' || p.scopes.includes('admin'));
}

/**
 * Who reports usage. Whether they may call trackUsage at all is @Authorized's (an admin, or a key
 * with the `service` scope); whether they may charge another account is the service's rule, hence `admin`.
 */
export const trackCaller = (p: Principal): TrackCaller => ({ userId: p.accountId, memberId: p.userId, admin: isAdmin(p), apiKeyId: p.apiKeyId ?? null });
