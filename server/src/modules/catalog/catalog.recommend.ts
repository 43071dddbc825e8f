import { countMessageTokens, estimateCharge } from '@tollgate/shared';
import { BadUserInputError, ModelNotAllowedError } from '../../platform/errors.js';
import type { LedgerService } from '../ledger/index.js';
import { classifyTask, selectModel, type Candidate, type Classification, type Selection, type TaskType } from './auto-select/index.js';
import { ABSURD_MAX_TOKENS, MAX_PROMPT_CHARS } from './catalog.domain.js';
import { tokenizerFamily, type CatalogService, type Estimate, type EstimateRequest } from './catalog.service.js';

export interface Recommendation extends Selection {
  classification: Classification;
}

/** `model: "auto"` and `recommendModel`: classify the prompt, price every allowed model for it, pick. */
export class ModelRecommender {
  constructor(
    private readonly catalog: CatalogService,
    private readonly ledger: LedgerService,
  ) {}

  async recommend(userId: string, prompt: string, maxTokens?: number | null, { ignoreBalance = false } = {}): Promise<Recommendation> {
    if (typeof prompt !== 'string' || prompt.trim().length === 0) throw new BadUserInputError('prompt must not be empty', 'prompt');
    if (prompt.length > MAX_PROMPT_CHARS) throw new BadUserInputError(`prompt must be at most ${MAX_PROMPT_CHARS} characters`, 'prompt');
    if (maxTokens != null && (!Number.isInteger(maxTokens) || maxTokens < 1 || maxTokens > ABSURD_MAX_TOKENS)) {
      throw new BadUserInputError('maxTokens must be a positive whole number', 'maxTokens');
    }
    const classification = classifyTask(prompt);
    const [models, tier, { available }] = await Promise.all([this.catalog.models(userId), this.catalog.tierOf(userId), this.ledger.balance(userId)]);
    const candidates: Candidate[] = models
      // The sandbox only echoes: never a real answer, so never chosen for one.
      .filter(({ model }) => model.provider !== 'sandbox')
      // A model that cannot write the output asked for is no candidate at all.
      .filter(({ model }) => maxTokens == null || model.maxOutputTokens >= maxTokens)
      .map(({ model, allowed, markupBps }) => {
        const output = Math.min(maxTokens ?? tier.maxTokensPerRequest, tier.maxTokensPerRequest, model.maxOutputTokens);
        const inputTokens = countMessageTokens([{ role: 'user', content: prompt }], tokenizerFamily(model), model.providerModel);
        const terms = { price: model.price, markupBps, creditUsdMicro: this.catalog.creditUsdMicro };
        const { max } = estimateCharge(terms, inputTokens, output);
        return {
          id: model.id,
          displayName: model.displayName,
          quality: model.quality,
          strengths: model.strengths as TaskType[],
          allowed,
          affordable: ignoreBalance || available >= max,
          maxCostMicro: max,
          contextWindow: model.contextWindow,
          // The prompt and the output budget must both fit, as estimateCost checks.
          inputTokens: inputTokens + output,
        };
      });
    return { ...selectModel({ classification, candidates }), classification };
  }

  /** `estimateCost` with `auto` resolved first, so the estimate names and prices the model that would run. */
  async estimateCost(userId: string, request: EstimateRequest): Promise<Estimate> {
    const model = await this.resolve(userId, request.model, request.prompt, request.maxTokens);
    return this.catalog.estimateCost(userId, { ...request, model });
  }

  /** The concrete model for a request: `auto` resolved by recommendation, anything else as given. */
  async resolve(userId: string, model: string, prompt: string, maxTokens?: number | null): Promise<string> {
    if (model !== 'auto') return model;
    const recommendation = await this.recommend(userId, prompt, maxTokens);
    if (recommendation.model) return recommendation.model.id;
    // Nothing affordable: choose as if the balance were no object, so the estimate says
    // `affordable: false` and a completion answers INSUFFICIENT_CREDITS, which is the real reason.
    const regardless = await this.recommend(userId, prompt, maxTokens, { ignoreBalance: true });
    if (!regardless.model) {
      const tier = await this.catalog.tierOf(userId);
      throw new ModelNotAllowedError('auto', tier.name, `No model your ${tier.name} tier allows can serve this request`);
    }
    return regardless.model.id;
  }
}
