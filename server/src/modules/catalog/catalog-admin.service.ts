import { OVERAGE_POLICIES, PRICE_CLASSES, usdPerMillionToNano, type OveragePolicy, type PriceClass } from '@tollgate/shared';
import { BadUserInputError, NotFoundError } from '../../platform/errors.js';
import { naming } from '../../platform/echo.js';
import { MAX_AMOUNT_MICRO } from '../ledger/index.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import type { PriceVersion, Tier } from './catalog.domain.js';
import type { CatalogStore } from './catalog.store.js';

export interface PriceEdit {
  inputUsdPerMTok: string;
  outputUsdPerMTok: string;
  cachedInputUsdPerMTok?: string | null;
  /** Defaults to now. Never in the past: a charged price is history and stays as it was. */
  effectiveFrom?: Date | null;
}

export interface TierEdit {
  name?: string | null;
  monthlyPriceCents?: number | null;
  monthlyCredits?: bigint | null;
  monthlyTokenAllowance?: number | null;
  monthlyRequestCap?: number | null;
  maxTokensPerRequest?: number | null;
  requestsPerMinute?: number | null;
  allowedPriceClasses?: string[] | null;
  allowedModels?: string[] | null;
  byokAllowed?: boolean | null;
  markupBps?: number | null;
  overage?: string | null;
  overageSurchargeBps?: number | null;
}

/** What must hear of an edit once it is written: the snapshot, which reloads here and on every replica. */
export interface CatalogChanges {
  changed(): Promise<void>;
}

/**
 * The admin console's catalog edits. Each validates everything before writing anything, and
 * announces what it wrote so every replica's snapshot reloads before quoting again.
 */
export class CatalogAdminService {
  constructor(
    private readonly store: CatalogStore,
    private readonly changes: CatalogChanges,
    private readonly clock: Clock = systemClock,
  ) {}

  async setModelPrice(adminId: string, modelId: string, edit: PriceEdit): Promise<PriceVersion> {
    const input = usd(edit.inputUsdPerMTok, 'inputUsdPerMTok');
    const output = usd(edit.outputUsdPerMTok, 'outputUsdPerMTok');
    const cachedInput = edit.cachedInputUsdPerMTok == null ? null : usd(edit.cachedInputUsdPerMTok, 'cachedInputUsdPerMTok');
    if (cachedInput !== null && cachedInput > input)
      throw new BadUserInputError('The cached-input price cannot exceed the input price', 'cachedInputUsdPerMTok');
    const now = this.clock.now();
    const effectiveFrom = edit.effectiveFrom ?? now;
    if (effectiveFrom.getTime() < now.getTime() - 1000) throw new BadUserInputError('effectiveFrom cannot be in the past', 'effectiveFrom');
    if (!(await this.store.model(modelId, new Date(8.64e15)))) throw new NotFoundError(naming('Model', modelId));
    if ((await this.store.priceHistory(modelId)).some((p) => p.effectiveFrom.getTime() === effectiveFrom.getTime())) {
      throw new BadUserInputError('A price already takes effect at that moment', 'effectiveFrom');
    }
    const version = await this.store.addPrice(modelId, { input, output, cachedInput, effectiveFrom, source: 'admin', createdBy: adminId });
    // A scheduled version too: the snapshot keeps it and switches to it at effectiveFrom by itself.
    await this.changes.changed();
    return version;
  }

  async setModelActive(modelId: string, active: boolean): Promise<void> {
    if (!(await this.store.setActive(modelId, active))) throw new NotFoundError(naming('Model', modelId));
    await this.changes.changed();
  }

  async priceHistory(modelId: string): Promise<PriceVersion[]> {
    const history = await this.store.priceHistory(modelId);
    if (history.length === 0) throw new NotFoundError(naming('Model', modelId));
    return history;
  }

  private async knownModels(ids: string[]): Promise<string[]> {
    const known = new Set((await this.store.models(new Date(8.64e15), { includeInactive: true })).map((m) => m.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new BadUserInputError(`Unknown model: ${unknown.join(', ')}`, 'allowedModels');
    return [...new Set(ids)];
  }

  async updateTier(code: string, edit: TierEdit): Promise<Tier> {
    const patch: Record<string, unknown> = {};
    if (edit.name != null) patch.name = text(edit.name, 'name');
    if (edit.monthlyPriceCents != null) patch.monthly_price_cents = whole(edit.monthlyPriceCents, 'monthlyPriceCents', 0, 10_000_000);
    if (edit.monthlyCredits != null) patch.monthly_credits = credits(edit.monthlyCredits, 'monthlyCredits');
    if (edit.monthlyTokenAllowance != null) patch.monthly_token_allowance = whole(edit.monthlyTokenAllowance, 'monthlyTokenAllowance', 0, 2_147_483_647); // GraphQL Int
    if (edit.monthlyRequestCap != null) patch.monthly_request_cap = whole(edit.monthlyRequestCap, 'monthlyRequestCap', 0, 2e9);
    if (edit.maxTokensPerRequest != null) patch.max_tokens_per_request = whole(edit.maxTokensPerRequest, 'maxTokensPerRequest', 1, 1_000_000);
    if (edit.requestsPerMinute != null) patch.requests_per_minute = whole(edit.requestsPerMinute, 'requestsPerMinute', 1, 100_000);
    if (edit.allowedPriceClasses != null) patch.allowed_price_classes = priceClasses(edit.allowedPriceClasses);
    if (edit.allowedModels != null) patch.allowed_models = await this.knownModels(edit.allowedModels.map((m) => text(m, 'allowedModels')));
    if (edit.byokAllowed != null) patch.byok_allowed = edit.byokAllowed;
    if (edit.markupBps !== undefined) patch.markup_bps = edit.markupBps === null ? null : whole(edit.markupBps, 'markupBps', 0, 10_000);
    if (edit.overage != null) patch.overage = overagePolicy(edit.overage);
    if (edit.overageSurchargeBps != null) patch.overage_surcharge_bps = whole(edit.overageSurchargeBps, 'overageSurchargeBps', 0, MAX_SURCHARGE_BPS);
    const tier = await this.store.updateTier(code, patch);
    if (!tier) throw new NotFoundError(naming('Tier', code));
    await this.changes.changed();
    return tier;
  }
}

/** $100,000 per 1M tokens: far above any real model, far below what a bigint column overflows at. */
const MAX_PRICE_NANO = 100_000_000n;

function usd(value: string, field: string): bigint {
  let nano: bigint;
  try {
    nano = usdPerMillionToNano(value);
  } catch {
    throw new BadUserInputError(`${field} must be a non-negative USD amount per 1M tokens with at most 3 decimals`, field);
  }
  if (nano > MAX_PRICE_NANO) throw new BadUserInputError(`${field} must be at most 100000 USD per 1M tokens`, field);
  return nano;
}

function credits(value: bigint, field: string): bigint {
  if (value < 0n || value > MAX_AMOUNT_MICRO * 100n) throw new BadUserInputError(`${field} is out of range`, field);
  return value;
}

function whole(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new BadUserInputError(`${field} must be a whole number from ${min} to ${max}`, field);
  return value;
}

function text(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > 100) throw new BadUserInputError(`${field} must be 1 to 100 characters`, field);
  return trimmed;
}

/** +1000%: far above any sensible surcharge, so a typo (25000 for 2500) is the only thing it stops short of. */
const MAX_SURCHARGE_BPS = 100_000;

function overagePolicy(value: string): OveragePolicy {
  if (!(OVERAGE_POLICIES as readonly string[]).includes(value)) throw new BadUserInputError(`overage must be one of ${OVERAGE_POLICIES.join(', ')}`, 'overage');
  return value as OveragePolicy;
}

function priceClasses(values: string[]): PriceClass[] {
  const unknown = values.filter((v) => !(PRICE_CLASSES as readonly string[]).includes(v));
  if (unknown.length > 0) throw new BadUserInputError(`Unknown price class: ${unknown.join(', ')}`, 'allowedPriceClasses');
  return [...new Set(values)] as PriceClass[];
}
