import { randomBytes } from 'node:crypto';
import { formatCredits } from '@tollgate/shared';
import { BadUserInputError, NotFoundError } from '../../platform/errors.js';
import type { SqlPool } from '../../platform/sql.js';
import { usd } from '../billing/index.js';
import type { CatalogService } from '../catalog/index.js';
import { MAX_AMOUNT_MICRO } from '../ledger/index.js';
import { type CouponKind, type CouponRecord, newCode, normalizeCode } from './coupon.domain.js';
import { type CouponStore, KINDS, type NewCoupon, type RedemptionRow } from './coupon.store.js';

/** What an admin sends for a coupon (or a campaign's template). Amounts: micro-credits, integer percent, USD decimal string. */
export interface CouponFields {
  kind: string;
  credits?: bigint | null;
  creditsExpireDays?: number | null;
  percentOff?: number | null;
  amountOffUsd?: string | null;
  tierCode?: string | null;
  freeMonths?: number | null;
  maxRedemptions?: number | null;
  perUserLimit?: number | null;
  startsAt?: Date | null;
  expiresAt?: Date | null;
  appliesTo?: string[] | null;
  firstPurchaseOnly?: boolean | null;
  note?: string | null;
}

export const MAX_CAMPAIGN_CODES = 1000;
const MAX_LIST = 1000;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: codes are read and typed by people

const bad = (message: string, field: string) => new BadUserInputError(message, field);
const intIn = (v: number | null | undefined, field: string, min: number, max: number) => {
  if (v == null) return null;
  if (!Number.isInteger(v) || v < min || v > max) throw bad(`${field} must be a whole number from ${min} to ${max}`, field);
  return v;
};

/** "12.50" → 1250 cents: at most 2 fraction digits, positive, at most 100000.00; no float ever. */
export function parseUsdCents(value: string, field: string): number {
  const m = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(value.trim());
  const cents = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : NaN;
  if (!m || cents <= 0 || cents > 10_000_000) throw bad(`${field} must be a USD amount like 5 or 12.50, above 0 and at most 100000`, field);
  return cents;
}

/** The admin's side of coupons: create (validated per kind), generate a campaign, list, deactivate, redemptions. */
export class CouponAdmin {
  constructor(private readonly deps: { sql: SqlPool; store: CouponStore; catalog: CatalogService }) {}

  async create(input: CouponFields & { code: string }, adminId: string): Promise<CouponRecord> {
    const coupon = { ...(await this.fields(input)), code: newCode(input.code), campaign: null, createdBy: adminId };
    const inserted = await this.deps.sql.transaction((tx) => this.deps.store.insert(tx, [coupon]));
    if (!inserted) throw bad(`A coupon with code ${coupon.code} exists already`, 'code');
    return (await this.deps.store.byCode(this.deps.sql, coupon.code))!;
  }

  /** N unique single-use codes (max 1 redemption, 1 per user) for a campaign, in one transaction; CSV `code,kind,…`. */
  async generate(input: CouponFields & { campaign: string; count: number; prefix?: string | null }, adminId: string) {
    const campaign = typeof input.campaign === 'string' ? input.campaign.trim() : '';
    if (!campaign || campaign.length > 100) throw bad('campaign must be 1 to 100 characters', 'campaign');
    const count = intIn(input.count, 'count', 1, MAX_CAMPAIGN_CODES)!;
    const prefix = input.prefix == null || input.prefix.trim() === '' ? null : normalizeCode(`${input.prefix}XXX`, 'prefix')?.slice(0, -3);
    if (prefix === undefined || (prefix !== null && (prefix.length > 20 || !/^[A-Z0-9][A-Z0-9_-]*$/.test(prefix)))) {
      throw bad("prefix must be up to 20 of A-Z, 0-9, '_' and '-'", 'prefix');
    }
    const base = await this.fields({ ...input, maxRedemptions: 1, perUserLimit: 1 });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const codes = new Set<string>();
      while (codes.size < count) codes.add(`${prefix ? `${prefix}-` : ''}${randomCode(10)}`);
      const coupons: NewCoupon[] = [...codes].map((code) => ({ ...base, code, campaign, createdBy: adminId }));
      // All or nothing: a clash with an existing code (a 32^10 chance) rolls the batch back and draws again.
      const ok = await this.deps.sql
        .transaction(async (tx) => {
          if (await this.deps.store.insert(tx, coupons)) return true;
          throw new Clash();
        })
        .catch((err) => (err instanceof Clash ? false : Promise.reject(err)));
      if (ok) return { campaign, count, codes: [...codes], csv: toCsv(coupons) };
    }
    throw new Error('could not draw unique coupon codes three times in a row');
  }

  async list() {
    return this.deps.store.list(this.deps.sql, MAX_LIST);
  }

  async deactivate(rawCode: unknown): Promise<CouponRecord> {
    const code = normalizeCode(rawCode);
    const coupon = code ? await this.deps.store.deactivate(this.deps.sql, code) : null;
    if (!coupon) throw new NotFoundError('Coupon');
    return coupon;
  }

  async redemptions(rawCode: unknown): Promise<RedemptionRow[]> {
    const code = normalizeCode(rawCode);
    const coupon = code ? await this.deps.store.byCode(this.deps.sql, code) : null;
    if (!coupon) throw new NotFoundError('Coupon');
    return this.deps.store.redemptions(this.deps.sql, coupon.id, MAX_LIST);
  }

  /** The kind's own fields required, the other kinds' refused, every number in range; nothing written on a refusal. */
  private async fields(input: CouponFields): Promise<Omit<NewCoupon, 'code' | 'campaign' | 'createdBy'>> {
    const kind = String(input.kind ?? '').toLowerCase() as CouponKind;
    if (!KINDS.includes(kind)) throw bad('kind must be CREDITS, PERCENT_OFF, AMOUNT_OFF or FREE_MONTH', 'kind');
    const own: Record<CouponKind, string[]> = {
      credits: ['credits', 'creditsExpireDays'],
      percent_off: ['percentOff', 'appliesTo'],
      amount_off: ['amountOffUsd', 'appliesTo'],
      free_month: ['tierCode', 'freeMonths'],
    };
    for (const field of ['credits', 'creditsExpireDays', 'percentOff', 'amountOffUsd', 'tierCode', 'freeMonths', 'appliesTo'] as const) {
      const value = input[field];
      const given = value != null && !(Array.isArray(value) && value.length === 0);
      if (given && !own[kind].includes(field)) throw bad(`${field} does not belong to a ${kind.toUpperCase()} coupon`, field);
    }
    if (kind === 'credits' && (input.credits == null || input.credits <= 0n || input.credits > MAX_AMOUNT_MICRO))
      throw bad('credits must be above 0 and at most 1000000', 'credits');
    if (kind === 'percent_off' && input.percentOff == null) throw bad('percentOff is required (1 to 100)', 'percentOff');
    if (kind === 'amount_off' && input.amountOffUsd == null) throw bad('amountOffUsd is required', 'amountOffUsd');
    const tiers = await this.deps.catalog.tiers();
    if (kind === 'free_month') {
      const tier = tiers.find((t) => t.code === input.tierCode);
      if (!tier || tier.monthlyPriceCents <= 0) throw bad('tierCode must be a paid tier', 'tierCode');
      intIn(input.freeMonths, 'freeMonths', 1, 1);
    }
    const appliesTo = [...new Set((input.appliesTo ?? []).map((c) => String(c).trim()))];
    const known = new Set([...tiers.map((t) => t.code), ...(await this.deps.catalog.packages()).map((p) => p.code)]);
    if (appliesTo.length > 100 || appliesTo.some((c) => !known.has(c))) throw bad('appliesTo must list known package or tier codes (at most 100)', 'appliesTo');
    const date = (d: Date | null | undefined, field: string) => {
      if (d == null) return null;
      if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw bad(`${field} must be a date`, field);
      return d;
    };
    const startsAt = date(input.startsAt, 'startsAt');
    const expiresAt = date(input.expiresAt, 'expiresAt');
    if (startsAt && expiresAt && startsAt >= expiresAt) throw bad('expiresAt must be after startsAt', 'expiresAt');
    const note = input.note == null ? null : String(input.note).trim() || null;
    if (note && note.length > 500) throw bad('note must be at most 500 characters', 'note');
    return {
      kind,
      credits: kind === 'credits' ? input.credits! : null,
      creditsExpireDays: intIn(input.creditsExpireDays, 'creditsExpireDays', 1, 3650),
      percentOff: intIn(input.percentOff, 'percentOff', 1, 100),
      amountOffCents: input.amountOffUsd == null ? null : parseUsdCents(input.amountOffUsd, 'amountOffUsd'),
      tierCode: kind === 'free_month' ? input.tierCode! : null,
      maxRedemptions: intIn(input.maxRedemptions, 'maxRedemptions', 1, 1_000_000_000),
      perUserLimit: intIn(input.perUserLimit, 'perUserLimit', 1, 1000) ?? 1,
      startsAt,
      expiresAt,
      appliesTo,
      firstPurchaseOnly: input.firstPurchaseOnly ?? false,
      note,
    };
  }
}

class Clash extends Error {}

function randomCode(length: number): string {
  const bytes = randomBytes(length);
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function toCsv(coupons: NewCoupon[]): string {
  const header = 'code,kind,credits,percent_off,amount_off_usd,tier_code,starts_at,expires_at,campaign';
  const rows = coupons.map((c) =>
    [
      c.code,
      c.kind.toUpperCase(),
      c.credits == null ? '' : formatCredits(c.credits),
      c.percentOff?.toString() ?? '',
      c.amountOffCents == null ? '' : usd(c.amountOffCents),
      c.tierCode ?? '',
      c.startsAt?.toISOString() ?? '',
      c.expiresAt?.toISOString() ?? '',
      c.campaign ?? '',
    ]
      .map(csvCell)
      .join(','),
  );
  return [header, ...rows].join('\n') + '\n';
}
