import { countMessageTokens, estimateCharge } from '@tollgate/shared';
import { BadUserInputError, ModelNotAllowedError } from '../../platform/errors.js';
import type { LedgerService } from '../ledger/index.js';
import { classifyTask, describe, selectModel, type Candidate, type Classification, type Selection, type TaskType } from './auto-select/index.js';
import { everyProviderRunnable, ModelAvailability, modelKind, type UserAvailability } from './catalog.availability.js';
import { ABSURD_MAX_TOKENS, MAX_PROMPT_CHARS, type Tier } from './catalog.domain.js';
import { tokenizerFamily, type CatalogService, type Estimate, type EstimateRequest, type PricedModel } from './catalog.service.js';

export interface Recommendation extends Selection {
  classification: Classification;
}

/** The estimate of a request, and why its model cannot run for the user now (null when it can). */
export interface RunnableEstimate extends Estimate {
  unavailableBecause: string | null;
}

/** What serves `auto` when no model with a configured provider can: offline, never a real answer. */
export const OFFLINE_MODEL = 'sandbox/echo';

/**
 * `model: "auto"` and `recommendModel`: classify the prompt, price every chat model the user may
 * use for it, pick among those that can run for them now (docs/decisions/0046-runnable-models.md).
 */
export class ModelRecommender {
  constructor(
    private readonly catalog: CatalogService,
    private readonly ledger: LedgerService,
    private readonly availability: ModelAvailability = new ModelAvailability(everyProviderRunnable),
  ) {}

  async recommend(userId: string, prompt: string, maxTokens?: number | null, { ignoreBalance = false } = {}): Promise<Recommendation> {
    if (typeof prompt !== 'string' || prompt.trim().length === 0) throw new BadUserInputError('prompt must not be empty', 'prompt');
    if (prompt.length > MAX_PROMPT_CHARS) throw new BadUserInputError(`prompt must be at most ${MAX_PROMPT_CHARS} characters`, 'prompt');
    if (maxTokens != null && (!Number.isInteger(maxTokens) || maxTokens < 1 || maxTokens > ABSURD_MAX_TOKENS)) {
      throw new BadUserInputError('maxTokens must be a positive whole number', 'maxTokens');
    }
    const classification = classifyTask(prompt);
    const [models, tier, { available }] = await Promise.all([this.catalog.models(userId), this.catalog.tierOf(userId), this.ledger.balance(userId)]);
    const view = await this.availability.forUser(userId, tier);
    const toCandidate = (priced: PricedModel): Candidate => {
      const { model, allowed, markupBps } = priced;
      const output = Math.min(maxTokens ?? tier.maxTokensPerRequest, tier.maxTokensPerRequest, model.maxOutputTokens);
      const inputTokens = countMessageTokens([{ role: 'user', content: prompt }], tokenizerFamily(model), model.providerModel);
      const terms = { price: model.price, markupBps, creditUsdMicro: this.catalog.creditUsdMicro };
      const { max } = estimateCharge(terms, inputTokens, output);
      const runs = view.of(model, true);
      return {
        id: model.id,
        displayName: model.displayName,
        quality: model.quality,
        strengths: model.strengths as TaskType[],
        allowed,
        unavailableBecause: runs.runnable ? null : this.availability.providerMissing(model.provider, tier),
        // With their own key the user pays the provider, not us: nothing is held (the gateway's rule).
        affordable: ignoreBalance || runs.via === 'own-key' || available >= max,
        maxCostMicro: max,
        contextWindow: model.contextWindow,
        // The prompt and the output budget must both fit, as estimateCost checks.
        inputTokens: inputTokens + output,
      };
    };
    // Embedding models answer no chat; a model that cannot write the output asked for is no candidate at all.
    const fits = models.filter(({ model }) => modelKind(model) === 'chat' && (maxTokens == null || model.maxOutputTokens >= maxTokens));
    // The sandbox only echoes: never chosen for a real answer while another model can run.
    const candidates = fits.filter(({ model }) => model.provider !== 'sandbox').map(toCandidate);
    const selection = selectModel({ classification, candidates });
    if (selection.model || candidates.some((c) => c.allowed && !c.unavailableBecause)) return { ...selection, classification };
    const offline = fits.find(({ model, allowed }) => model.id === OFFLINE_MODEL && allowed);
    return { ...offlineSelection(classification, selection, offline && toCandidate(offline), tier), classification };
  }

  /** `estimateCost` with `auto` resolved first, so the estimate names and prices the model that would run. */
  async estimateCost(userId: string, request: EstimateRequest): Promise<RunnableEstimate> {
    const model = await this.resolve(userId, request.model, request.prompt, request.maxTokens);
    const estimate = await this.catalog.estimateCost(userId, { ...request, model });
    const view = await this.forUser(userId);
    return { ...estimate, unavailableBecause: view.of(estimate.model, true).reason };
  }

  /** This user's view of which models run now (one read of their tier and key list). */
  async forUser(userId: string): Promise<UserAvailability> {
    return this.availability.forUser(userId, await this.catalog.tierOf(userId));
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

/**
 * No model with a configured provider can serve this user: the offline sandbox answers (metered and
 * charged like any model), so a fresh server with no provider keys still answers `auto`. The other
 * models stay listed with the reason each cannot run.
 */
function offlineSelection(classification: Classification, selection: Selection, offline: Candidate | undefined, tier: Tier): Selection {
  if (!offline || !offline.affordable || offline.inputTokens >= offline.contextWindow) return selection;
  const fix = tier.byokAllowed ? 'add your own provider key in Provider keys' : 'upgrade to a tier that allows your own provider keys';
  const reasoning =
    `${describe(classification)} No model your tier includes can run for you yet (no provider is configured on this server), ` +
    `so chose ${offline.displayName}, which answers offline by repeating your message. For real answers, ${fix}, or ask the operator to configure a provider.`;
  return { model: offline, reasoning, alternatives: selection.alternatives };
}
