import { randomUUID } from 'node:crypto';
import { parseCredits, usdPerMillionToNano } from '@tollgate/shared';
import type { SqlPool } from '../../platform/sql.js';
import { SEED_MODELS, SEED_PACKAGES, SEED_TIERS } from './catalog.data.js';
import { SEED_EMBEDDING_MODELS } from './catalog.data-embeddings.js';

/**
 * Loads catalog.data.ts. Every insert ignores a row that exists, so a second start changes nothing
 * and an admin's edits (a price, a deactivated model, a tier's limits) survive restarts.
 */
export async function seedCatalog(sql: SqlPool): Promise<{ models: number; prices: number; tiers: number; packages: number }> {
  return sql.transaction(async (tx) => {
    let models = 0;
    let prices = 0;
    const kinded = [...SEED_MODELS.map((m) => ({ ...m, kind: 'chat' })), ...SEED_EMBEDDING_MODELS.map((m) => ({ ...m, kind: 'embedding' }))];
    for (const m of kinded) {
      const inserted = await tx.query(
        `insert into model (id, provider, provider_model, display_name, context_window, max_output_tokens, capabilities, quality, strengths, kind)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (id) do nothing returning id`,
        [m.id, m.provider, m.providerModel, m.displayName, m.contextWindow, m.maxOutputTokens, m.capabilities, m.quality, m.strengths, m.kind],
      );
      models += inserted.length;
      const p = m.price;
      const price = await tx.query(
        `insert into model_price (id, model_id, input_nano, output_nano, cached_input_nano, effective_from, source, source_date)
         values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (model_id, effective_from) do nothing returning id`,
        [
          randomUUID(),
          m.id,
          usdPerMillionToNano(p.inputUsdPerM),
          usdPerMillionToNano(p.outputUsdPerM),
          p.cachedInputUsdPerM ? usdPerMillionToNano(p.cachedInputUsdPerM) : null,
          new Date(p.effectiveFrom),
          p.source,
          p.sourceDate,
        ],
      );
      prices += price.length;
    }
    let tiers = 0;
    for (const t of SEED_TIERS) {
      const inserted = await tx.query(
        `insert into tier (code, name, monthly_price_cents, monthly_credits, rollover, rollover_cap, monthly_token_allowance, monthly_request_cap,
           max_tokens_per_request, requests_per_minute, allowed_price_classes, allowed_models, byok_allowed, markup_bps, sort, overage, overage_surcharge_bps)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) on conflict (code) do nothing returning code`,
        [
          t.code,
          t.name,
          t.monthlyPriceCents,
          parseCredits(t.monthlyCredits),
          t.rollover,
          t.rolloverCapCredits === null ? null : parseCredits(t.rolloverCapCredits),
          t.monthlyTokenAllowance,
          t.monthlyRequestCap,
          t.maxTokensPerRequest,
          t.requestsPerMinute,
          t.allowedPriceClasses,
          t.allowedModels,
          t.byokAllowed,
          t.markupBps,
          t.sort,
          t.overage,
          t.overageSurchargeBps,
        ],
      );
      tiers += inserted.length;
    }
    let packages = 0;
    for (const p of SEED_PACKAGES) {
      const inserted = await tx.query(
        `insert into credit_package (code, name, credits, bonus_credits, price_cents, sort) values ($1, $2, $3, $4, $5, $6) on conflict (code) do nothing returning code`,
        [p.code, p.name, parseCredits(p.credits), parseCredits(p.bonusCredits), p.priceCents, p.sort],
      );
      packages += inserted.length;
    }
    return { models, prices, tiers, packages };
  });
}
