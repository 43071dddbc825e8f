import type { Sql } from '../../platform/sql.js';
import { isUuid } from '../../platform/ids.js';

type Args = Record<string, any>;

/**
 * How one admin mutation is audited: what kind of thing it changes, which argument names it, and
 * (when there is state worth comparing) a snapshot of that state, read before and after the change.
 * A mutation missing here is still recorded, with a target guessed from its arguments and its
 * result as `after` (admin-operations.test.ts fails until it is listed, so the guess stays rare).
 */
export interface AuditSpec {
  targetType: string;
  target: (args: Args, result: unknown) => string | null;
  snapshot?: (sql: Sql, args: Args) => Promise<unknown>;
}

const first = async (sql: Sql, text: string, params: unknown[]) => (await sql.query(text, params))[0] ?? null;

const userState = (sql: Sql, id: unknown) =>
  typeof id === 'string' && isUuid(id)
    ? first(sql, `select tier_code, role, suspended_at, suspended_reason from app_user where id = $1`, [id])
    : Promise.resolve(null);

const creditState = (sql: Sql, id: unknown) =>
  typeof id === 'string' && isUuid(id) ? first(sql, `select balance, held from credit_account where user_id = $1`, [id]) : Promise.resolve(null);

const modelState = (sql: Sql, id: unknown) =>
  typeof id === 'string'
    ? first(
        sql,
        `select m.active, p.input_nano, p.output_nano, p.cached_input_nano, p.effective_from
         from model m left join lateral (select * from model_price p where p.model_id = m.id and p.effective_from <= now()
                                         order by p.effective_from desc limit 1) p on true
         where m.id = $1`,
        [id],
      )
    : Promise.resolve(null);

const str = (value: unknown) => (typeof value === 'string' ? value : null);
const userSpec: AuditSpec = { targetType: 'user', target: (a) => str(a.userId), snapshot: (sql, a) => userState(sql, a.userId) };
const creditSpec: AuditSpec = { targetType: 'user', target: (a) => str(a.input?.userId), snapshot: (sql, a) => creditState(sql, a.input?.userId) };

export const AUDIT_SPECS: Record<string, AuditSpec> = {
  adminSetTier: userSpec,
  adminSuspendUser: userSpec,
  adminReactivateUser: userSpec,
  adminGrantCredits: creditSpec,
  adminDeductCredits: creditSpec,
  adminRefundCredits: creditSpec,
  adminUpdateTier: {
    targetType: 'tier',
    target: (a) => str(a.code),
    snapshot: (sql, a) => (typeof a.code === 'string' ? first(sql, `select * from tier where code = $1`, [a.code]) : Promise.resolve(null)),
  },
  adminSetModelPrice: { targetType: 'model', target: (a) => str(a.input?.modelId), snapshot: (sql, a) => modelState(sql, a.input?.modelId) },
  adminSetModelActive: { targetType: 'model', target: (a) => str(a.modelId), snapshot: (sql, a) => modelState(sql, a.modelId) },
  adminCreateCoupon: { targetType: 'coupon', target: (_a, r) => str((r as { code?: unknown } | null)?.code) },
  adminDeactivateCoupon: {
    targetType: 'coupon',
    target: (a) => str(a.code),
    snapshot: (sql, a) =>
      typeof a.code === 'string'
        ? first(sql, `select code, kind, active, redemptions, max_redemptions, expires_at from coupon where code = upper(btrim($1))`, [a.code])
        : Promise.resolve(null),
  },
  adminGenerateCoupons: { targetType: 'coupon', target: () => null },
  adminUpdatePromotionSettings: {
    targetType: 'settings',
    target: () => 'promotions',
    snapshot: (sql) => first(sql, `select * from promotion_settings where id = 1`, []),
  },
  adminReencryptProviderKeys: { targetType: 'system', target: () => 'provider-keys' },
  // OpenRouter automation: reading every key's usage; the models whose OpenRouter prices became new versions.
  adminSyncOpenRouterUsage: { targetType: 'system', target: () => 'openrouter-keys' },
  applyOpenRouterPriceImport: {
    targetType: 'model',
    target: (a) =>
      Array.isArray(a.modelIds)
        ? a.modelIds
            .filter((id: unknown) => typeof id === 'string')
            .join(', ')
            .slice(0, 500) || null
        : null,
  },
};

/** For a mutation not in AUDIT_SPECS: the first argument that looks like what it acts on. */
export function guessSpec(args: Args): AuditSpec {
  const pick = (a: Args) => str(a.userId) ?? str(a.input?.userId) ?? str(a.modelId) ?? str(a.code) ?? str(a.id) ?? null;
  const type = str(args.userId) || str(args.input?.userId) ? 'user' : str(args.modelId) ? 'model' : 'other';
  return { targetType: type, target: pick };
}
