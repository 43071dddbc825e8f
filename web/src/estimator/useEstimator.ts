import { useMemo } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { useCreditBalance } from '../credits/useCreditBalance';
import { useDebouncedValue } from '../ui/useDebouncedValue';
import { estimateLocally, parseMaxTokens, promptProblem, type EstimateOutcome } from './client-estimate';
import { serverAgreement } from './server-agreement';
import { useEstimatorCatalog } from './useEstimatorCatalog';
import { useRecommendation } from './useRecommendation';
import { useServerEstimate } from './useServerEstimate';
import { useTokenCounter } from './useTokenCounter';

export const ESTIMATE_DELAY_MS = 300;
export const AUTO_MODEL = 'auto';

export interface EstimatorInputs {
  prompt: string;
  /** A model id, or "auto". */
  modelId: string;
  /** The max-tokens box as typed; empty for the default budget. */
  maxTokensText: string;
}

/**
 * The estimator's data: the browser's own estimate of the settled input (priced with the shared
 * code once the token counter has loaded), what `auto` picked, and the server's `estimateCost` for
 * the same input with whether the two agree. Everything follows the input 300 ms after typing stops.
 */
export function useEstimator(inputs: EstimatorInputs) {
  const { prompt, modelId, maxTokensText } = inputs;
  // One object per distinct input, so the debounce restarts on a change, not on every render.
  const current = useMemo(() => ({ prompt, modelId, maxTokensText }), [prompt, modelId, maxTokensText]);
  const settled = useDebouncedValue(current, ESTIMATE_DELAY_MS);
  const catalog = useEstimatorCatalog();
  const { balance } = useCreditBalance();
  const counter = useTokenCounter(prompt !== '');

  const maxTokens = parseMaxTokens(settled.maxTokensText);
  const auto = settled.modelId === AUTO_MODEL;
  // An empty prompt or an unreadable max-tokens box is the form's to report: the server is not asked.
  const askable = promptProblem(settled.prompt) === undefined && maxTokens !== undefined;
  const recommendation = useRecommendation(settled.prompt, maxTokens ?? null, auto && askable);
  const server = useServerEstimate({ model: settled.modelId, prompt: settled.prompt, maxTokens: maxTokens ?? null }, askable);

  const { models, creditUsd, tier } = catalog;
  const count = counter.count;
  const chosenId = auto ? recommendation.recommendation?.model : settled.modelId;
  const client = useMemo((): EstimateOutcome | undefined => {
    const badPrompt = promptProblem(settled.prompt);
    if (badPrompt) return { ok: false, problem: badPrompt };
    if (!askable || !models || !creditUsd || !tier || !count) return undefined;
    if (auto) {
      if (recommendation.error) {
        const problem = problemFromError(recommendation.error);
        return { ok: false, problem: { code: problem.code, message: describeProblem(problem) } };
      }
      if (!recommendation.recommendation) return undefined;
      if (chosenId === null) {
        return { ok: false, problem: { code: 'MODEL_NOT_ALLOWED', message: recommendation.recommendation.reasoning, field: 'model' } };
      }
    }
    const id = chosenId ?? settled.modelId;
    return estimateLocally({
      model: models.find((model) => model.id === id),
      modelId: id,
      tier,
      prompt: settled.prompt,
      maxTokens: maxTokens ?? null,
      creditUsd,
      available: balance?.available,
      count,
    });
  }, [askable, models, creditUsd, tier, count, auto, recommendation.error, recommendation.recommendation, chosenId, settled, maxTokens, balance?.available]);

  const agreement = client && server.answer ? serverAgreement(client, server.answer) : undefined;
  return {
    settled,
    /** The input has changed since the figures on show were computed. */
    typing: settled !== current,
    maxTokensInvalid: maxTokens === undefined,
    catalog,
    counterFailed: counter.failed,
    recommendation,
    client,
    server,
    /** False when the input is one the form refuses before asking (empty, too long, unreadable budget). */
    serverAsked: askable,
    agreement,
  };
}

export type EstimatorState = ReturnType<typeof useEstimator>;
