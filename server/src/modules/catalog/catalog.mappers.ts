import { nanoToUsdPerMillion } from '@tollgate/shared';
import { modelKind } from './catalog.availability.js';
import type { CreditPackage as Package, PriceVersion, Tier as TierRow } from './catalog.domain.js';
import type { PricedModel } from './catalog.service.js';
import type { CreditPackage, Model, ModelPriceVersion, Tier } from './catalog.types.js';

const cents = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;

export function toModel({ model, allowed, markupBps, perMillion }: PricedModel): Model {
  return {
    id: model.id,
    provider: model.provider,
    providerModel: model.providerModel,
    displayName: model.displayName,
    inputUsdPerMTok: nanoToUsdPerMillion(model.price.inputNanoPerToken),
    outputUsdPerMTok: nanoToUsdPerMillion(model.price.outputNanoPerToken),
    cachedInputUsdPerMTok: model.price.cachedInputNanoPerToken == null ? null : nanoToUsdPerMillion(model.price.cachedInputNanoPerToken),
    inputCreditsPerMTok: perMillion.input,
    outputCreditsPerMTok: perMillion.output,
    markupBps: Number(markupBps),
    priceClass: model.priceClass,
    allowed,
    contextWindow: model.contextWindow,
    maxOutputTokens: model.maxOutputTokens,
    capabilities: model.capabilities,
    quality: model.quality,
    active: model.active,
    priceEffectiveFrom: model.price.effectiveFrom,
    kind: modelKind(model),
  };
}

export function toTier(t: TierRow): Tier {
  return {
    code: t.code,
    name: t.name,
    monthlyPriceUsd: cents(t.monthlyPriceCents),
    monthlyCredits: t.monthlyCredits,
    rollover: t.rollover,
    rolloverCap: t.rolloverCap,
    monthlyTokenAllowance: Number(t.monthlyTokenAllowance),
    monthlyRequestCap: t.monthlyRequestCap,
    maxTokensPerRequest: t.maxTokensPerRequest,
    requestsPerMinute: t.requestsPerMinute,
    allowedPriceClasses: t.allowedPriceClasses,
    allowedModels: t.allowedModels,
    byokAllowed: t.byokAllowed,
    markupBps: t.markupBps,
    overage: t.overage,
    overageSurchargeBps: t.overageSurchargeBps,
  };
}

export function toPackage(p: Package): CreditPackage {
  return {
    code: p.code,
    name: p.name,
    credits: p.credits,
    bonusCredits: p.bonusCredits,
    totalCredits: p.credits + p.bonusCredits,
    priceUsd: cents(p.priceCents),
  };
}

export function toPriceVersion(v: PriceVersion): ModelPriceVersion {
  return {
    id: v.id,
    inputUsdPerMTok: nanoToUsdPerMillion(v.inputNanoPerToken),
    outputUsdPerMTok: nanoToUsdPerMillion(v.outputNanoPerToken),
    cachedInputUsdPerMTok: v.cachedInputNanoPerToken === null ? null : nanoToUsdPerMillion(v.cachedInputNanoPerToken),
    effectiveFrom: v.effectiveFrom,
    source: v.source,
    createdAt: v.createdAt,
  };
}
