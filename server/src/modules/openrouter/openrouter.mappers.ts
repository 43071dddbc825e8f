import { nanoToUsdPerMillion } from '@tollgate/shared';
import { nanoToUsd } from './openrouter.money.js';
import type { PriceRow } from './openrouter.prices.js';
import type { KeyReconciliation } from './openrouter.usage.js';
import type { OpenRouterKeyStatus, OpenRouterPriceApplied, OpenRouterPriceRow } from './openrouter.types.js';

const perM = (nano: bigint | null | undefined) => (nano === null || nano === undefined ? null : nanoToUsdPerMillion(nano));

export function toKeyStatus(r: KeyReconciliation): OpenRouterKeyStatus {
  return {
    userId: r.userId,
    email: r.email,
    label: r.label,
    limitUsd: nanoToUsd(r.limitCents * 10_000_000n),
    usageUsd: nanoToUsd(r.usageNano),
    recordedCostUsd: nanoToUsd(r.recordedCostNano),
    differenceUsd: nanoToUsd(r.differenceNano),
    disabled: r.disabled,
    syncedAt: r.syncedAt,
    createdAt: r.createdAt,
  };
}

export function toPriceRow(r: PriceRow): OpenRouterPriceRow {
  return {
    modelId: r.modelId,
    displayName: r.displayName,
    providerModel: r.providerModel,
    currentInputUsdPerMTok: nanoToUsdPerMillion(r.currentInputNano),
    currentOutputUsdPerMTok: nanoToUsdPerMillion(r.currentOutputNano),
    openRouterInputUsdPerMTok: perM(r.openRouter?.inputNano),
    openRouterOutputUsdPerMTok: perM(r.openRouter?.outputNano),
    openRouterCachedInputUsdPerMTok: perM(r.openRouter?.cachedInputNano),
    rounded: r.openRouter?.rounded ?? false,
    free: r.free,
    becameFree: r.becameFree,
    changed: r.changed,
  };
}

export function toPriceApplied(a: { row: PriceRow; effectiveFrom: Date }): OpenRouterPriceApplied {
  const p = a.row.openRouter!;
  return {
    modelId: a.row.modelId,
    inputUsdPerMTok: nanoToUsdPerMillion(p.inputNano),
    outputUsdPerMTok: nanoToUsdPerMillion(p.outputNano),
    cachedInputUsdPerMTok: perM(p.cachedInputNano),
    effectiveFrom: a.effectiveFrom,
  };
}
