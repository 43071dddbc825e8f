import { DomainError } from '../../platform/errors.js';
import type { CallerLimits } from './gateway.domain.js';

/**
 * A key's model allow-list (docs/decisions/0056-spend-caps.md). A model outside it is refused with
 * MODEL_NOT_ALLOWED naming the allowed ones. `auto` still chooses as usual; when its choice is outside
 * the list, the list's first model answers instead (the key's owner put it first), and the tier's
 * rules then apply to it as to any model asked for by name. Fallbacks outside the list are skipped.
 */
export function allowedModel(limits: CallerLimits | undefined, asked: string, chosen: string): string {
  const models = limits?.models;
  if (!models || models.includes(chosen)) return chosen;
  if (asked === 'auto' && models.length > 0) return models[0]!;
  throw new KeyModelNotAllowedError(chosen, models);
}

/** MODEL_NOT_ALLOWED for a model outside the key's list, naming the models it may call. */
export class KeyModelNotAllowedError extends DomainError {
  constructor(model: string, allowed: readonly string[]) {
    super('MODEL_NOT_ALLOWED', `This API key may call only ${allowed.length ? allowed.join(', ') : 'no model'}; not ${model}`, {
      model,
      allowedModels: [...allowed],
    });
  }
}

/** Whether a fallback model may serve this caller. */
export const mayFallBackTo = (limits: CallerLimits | undefined, modelId: string): boolean => !limits?.models || limits.models.includes(modelId);
