import { nanoToUsdPerMillion } from '@tollgate/shared';
import { naming } from '../../platform/echo.js';
import { BadUserInputError } from '../../platform/errors.js';
import type { OpenRouterClient, RemoteModel } from './openrouter.client.js';
import { usdToNano } from './openrouter.money.js';

/** What the import reads of the catalog: its models with their current price (nano-dollars per token). */
export interface CatalogPrices {
  models(
    at: Date,
    options: { includeInactive?: boolean },
  ): Array<{
    id: string;
    provider: string;
    providerModel: string;
    displayName: string;
    price: { inputNanoPerToken: bigint; outputNanoPerToken: bigint; cachedInputNanoPerToken?: bigint | null };
  }>;
}

/** The catalog's own price-version write (CatalogAdminService.setModelPrice): validation, history and reload stay there. */
export interface PriceWriter {
  setModelPrice(
    adminId: string,
    modelId: string,
    edit: { inputUsdPerMTok: string; outputUsdPerMTok: string; cachedInputUsdPerMTok?: string | null },
  ): Promise<{ effectiveFrom: Date }>;
}

export interface PriceRow {
  modelId: string;
  displayName: string;
  providerModel: string;
  currentInputNano: bigint;
  currentOutputNano: bigint;
  /** Null when OpenRouter no longer lists the model, or prices it in a way we cannot import. */
  openRouter: { inputNano: bigint; outputNano: bigint; cachedInputNano: bigint | null; rounded: boolean } | null;
  free: boolean;
  /** Free on OpenRouter now while our catalog still charges for it. */
  becameFree: boolean;
  changed: boolean;
}

/** At most this many models per apply: one request cannot rewrite the whole catalog by accident. */
export const MAX_IMPORT = 200;

/** Free on OpenRouter: a `:free` variant, or both token prices zero. */
export function isFreeModel(m: RemoteModel): boolean {
  if (m.id.endsWith(':free')) return true;
  const prompt = usdToNano(m.pricing?.prompt ?? '');
  const completion = usdToNano(m.pricing?.completion ?? '');
  return prompt !== null && completion !== null && prompt.nano === 0n && completion.nano === 0n;
}

/**
 * OpenRouter's current prices beside our catalog's, for an admin to review, and the reviewed ones
 * written as new price versions. USD-per-token strings become nano-dollars per token exactly; a
 * price finer than a nano-dollar per token is rounded UP once (flagged `rounded`), so Tollgate
 * never charges less than it pays.
 */
export class PriceImport {
  constructor(
    private readonly client: OpenRouterClient,
    private readonly catalog: CatalogPrices,
    private readonly writer: PriceWriter,
  ) {}

  async preview(): Promise<PriceRow[]> {
    return this.rows(await this.client.models());
  }

  async apply(adminId: string, modelIds: string[]): Promise<Array<{ row: PriceRow; effectiveFrom: Date }>> {
    if (modelIds.length === 0) throw new BadUserInputError('Choose at least one model', 'modelIds');
    if (modelIds.length > MAX_IMPORT) throw new BadUserInputError(`At most ${MAX_IMPORT} models at a time`, 'modelIds');
    if (new Set(modelIds).size !== modelIds.length) throw new BadUserInputError('A model is listed twice', 'modelIds');
    const rows = new Map((await this.preview()).map((r) => [r.modelId, r]));
    // Everything is checked before anything is written.
    for (const id of modelIds) {
      const row = rows.get(id);
      if (!row) throw new BadUserInputError(`${naming('Model', id)} is not an OpenRouter model of the catalog`, 'modelIds');
      if (!row.openRouter) throw new BadUserInputError(`OpenRouter has no importable price for ${row.displayName}`, 'modelIds');
    }
    const written: Array<{ row: PriceRow; effectiveFrom: Date }> = [];
    for (const id of modelIds) {
      const row = rows.get(id)!;
      const p = row.openRouter!;
      const version = await this.writer.setModelPrice(adminId, id, {
        inputUsdPerMTok: nanoToUsdPerMillion(p.inputNano),
        outputUsdPerMTok: nanoToUsdPerMillion(p.outputNano),
        cachedInputUsdPerMTok: p.cachedInputNano === null ? null : nanoToUsdPerMillion(p.cachedInputNano),
      });
      written.push({ row, effectiveFrom: version.effectiveFrom });
    }
    return written;
  }

  private rows(remote: RemoteModel[]): PriceRow[] {
    const byId = new Map(remote.map((m) => [m.id, m]));
    return this.catalog
      .models(new Date(), { includeInactive: true })
      .filter((m) => m.provider === 'openrouter')
      .map((m) => {
        const r = byId.get(m.providerModel);
        const openRouter = r ? importable(r) : null;
        const free = r ? isFreeModel(r) : false;
        const charged = m.price.inputNanoPerToken > 0n || m.price.outputNanoPerToken > 0n;
        const changed =
          openRouter !== null &&
          (openRouter.inputNano !== m.price.inputNanoPerToken ||
            openRouter.outputNano !== m.price.outputNanoPerToken ||
            openRouter.cachedInputNano !== (m.price.cachedInputNanoPerToken ?? null));
        return {
          modelId: m.id,
          displayName: m.displayName,
          providerModel: m.providerModel,
          currentInputNano: m.price.inputNanoPerToken,
          currentOutputNano: m.price.outputNanoPerToken,
          openRouter,
          free,
          becameFree: free && charged,
          changed,
        };
      });
  }
}

/** OpenRouter's token prices in nano-dollars, or null when they are missing or negative (its router models). */
function importable(m: RemoteModel): PriceRow['openRouter'] {
  const input = usdToNano(m.pricing?.prompt ?? '', true);
  const output = usdToNano(m.pricing?.completion ?? '', true);
  if (!input || !output) return null;
  const cached = m.pricing?.input_cache_read === undefined ? null : usdToNano(m.pricing.input_cache_read, true);
  // A cached price above the input price is refused by the catalog; without one, cached tokens pay the input price.
  const cachedInputNano = cached && cached.nano <= input.nano ? cached.nano : null;
  return { inputNano: input.nano, outputNano: output.nano, cachedInputNano, rounded: !input.exact || !output.exact || (cached !== null && !cached.exact) };
}
