import { amountProblem, exactCredits } from '../../credits/money';
import { endOfLocalDay, startOfLocalDay } from '../../ui/local-date';
import { usdToCents } from '../catalog/tier-form';
import { couponCodeLooksValid, normalizeCouponCode } from '../../promotions/coupon-code';
import type { CouponKind } from '../../promotions/coupon-preview';

export const COUPON_KINDS: readonly { kind: CouponKind; label: string }[] = [
  { kind: 'CREDITS', label: 'Bonus credits' },
  { kind: 'PERCENT_OFF', label: 'Percent off a checkout' },
  { kind: 'AMOUNT_OFF', label: 'Amount off a checkout' },
  { kind: 'FREE_MONTH', label: 'Free month of a tier' },
];

/** The coupon editor's inputs, as typed. An empty overall limit means "no limit"; empty dates mean "from now" and "never". */
export interface CouponFormValues {
  code: string;
  kind: CouponKind;
  credits: string;
  /** Days a CREDITS coupon's grant lasts after redemption; empty: it never expires. */
  creditsExpireDays: string;
  /** "20": whole percent (the server keeps whole percents, as Stripe's coupons do in practice). */
  percentOff: string;
  /** "5", "9.99": dollars and cents. */
  amountOffUsd: string;
  tierCode: string;
  freeMonths: string;
  maxRedemptions: string;
  perUserLimit: string;
  /** Local calendar days from <input type="date">: from the start of startsOn to the end of expiresOn. */
  startsOn: string;
  expiresOn: string;
  /** Package and tier codes, comma or line separated; empty for everything. */
  appliesTo: string;
  firstPurchaseOnly: boolean;
  note: string;
}

export type CouponField = keyof CouponFormValues;

export const EMPTY_COUPON: CouponFormValues = {
  code: '',
  kind: 'CREDITS',
  credits: '',
  creditsExpireDays: '',
  percentOff: '',
  amountOffUsd: '',
  tierCode: '',
  freeMonths: '1',
  maxRedemptions: '',
  perUserLimit: '1',
  startsOn: '',
  expiresOn: '',
  appliesTo: '',
  firstPurchaseOnly: false,
  note: '',
};

/** What the editor asks the server to create, in exact units (see useAdminCoupons for the wire names). */
export interface CouponRequest {
  code: string;
  kind: CouponKind;
  credits: string | null;
  creditsExpireDays: number | null;
  percentOff: number | null;
  amountOffCents: number | null;
  tierCode: string | null;
  freeMonths: number | null;
  maxRedemptions: number | null;
  perUserLimit: number;
  startsAt: string | null;
  expiresAt: string | null;
  appliesTo: string[];
  firstPurchaseOnly: boolean;
  note: string | null;
}

/** The longest a coupon's credits may last after redemption (the server's bound: ten years). */
export const MAX_EXPIRE_DAYS = 3650;

/** "20" → 20; undefined unless it is a whole percent from 1 to 100. */
export function wholePercent(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= 1 && value <= 100 ? value : undefined;
}

function count(text: string, min: number): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d{1,9}$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= min ? value : undefined;
}

export function codeList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((code) => code.trim())
        .filter(Boolean),
    ),
  ];
}

export function couponProblems(values: CouponFormValues): Partial<Record<CouponField, string>> {
  const problems: Partial<Record<CouponField, string>> = {};
  if (!couponCodeLooksValid(normalizeCouponCode(values.code))) problems.code = '3 to 64 letters, digits, dashes or underscores';
  if (values.kind === 'CREDITS') {
    const amount = amountProblem(values.credits);
    if (amount) problems.credits = amount;
    const days = count(values.creditsExpireDays, 1);
    if (days === undefined || (days !== null && days > MAX_EXPIRE_DAYS))
      problems.creditsExpireDays = `Whole days from 1 to ${MAX_EXPIRE_DAYS}, or empty for never`;
  }
  if (values.kind === 'PERCENT_OFF' && wholePercent(values.percentOff) === undefined) problems.percentOff = 'A whole percent from 1 to 100';
  if (values.kind === 'AMOUNT_OFF' && !usdToCents(values.amountOffUsd)) problems.amountOffUsd = 'Dollars and cents above zero, e.g. 5 or 9.99';
  if (values.kind === 'FREE_MONTH') {
    if (values.tierCode.trim() === '') problems.tierCode = 'Choose the tier';
    if (!count(values.freeMonths, 1)) problems.freeMonths = 'A whole number of months, at least 1';
  }
  if (count(values.maxRedemptions, 1) === undefined) problems.maxRedemptions = 'A whole number, at least 1, or empty for no limit';
  if (!count(values.perUserLimit, 1)) problems.perUserLimit = 'A whole number, at least 1';
  if (values.startsOn && !startOfLocalDay(values.startsOn)) problems.startsOn = 'Not a calendar day';
  if (values.expiresOn && !endOfLocalDay(values.expiresOn)) problems.expiresOn = 'Not a calendar day';
  if (values.startsOn && values.expiresOn && values.expiresOn < values.startsOn) problems.expiresOn = 'Ends before it starts';
  if (values.note.length > 500) problems.note = 'At most 500 characters';
  return problems;
}

/** The request for valid values: only the kind's own amount is sent, dates as instants. */
export function toCouponRequest(values: CouponFormValues): CouponRequest {
  const kind = values.kind;
  return {
    code: normalizeCouponCode(values.code),
    kind,
    credits: kind === 'CREDITS' ? exactCredits(values.credits) : null,
    creditsExpireDays: kind === 'CREDITS' ? (count(values.creditsExpireDays, 1) ?? null) : null,
    percentOff: kind === 'PERCENT_OFF' ? wholePercent(values.percentOff)! : null,
    amountOffCents: kind === 'AMOUNT_OFF' ? usdToCents(values.amountOffUsd)! : null,
    tierCode: kind === 'FREE_MONTH' ? values.tierCode.trim() : null,
    freeMonths: kind === 'FREE_MONTH' ? count(values.freeMonths, 1)! : null,
    maxRedemptions: count(values.maxRedemptions, 1) ?? null,
    perUserLimit: count(values.perUserLimit, 1)!,
    startsAt: values.startsOn ? startOfLocalDay(values.startsOn)!.toISOString() : null,
    expiresAt: values.expiresOn ? endOfLocalDay(values.expiresOn)!.toISOString() : null,
    appliesTo: kind === 'CREDITS' ? [] : codeList(values.appliesTo),
    firstPurchaseOnly: values.firstPurchaseOnly,
    note: values.note.trim() || null,
  };
}
