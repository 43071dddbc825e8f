import { useId } from 'react';
import { displayCount } from '../models/format';
import type { EstimatorModel, EstimatorTier } from './client-estimate';
import { ModelPicker } from './ModelPicker';
import { AUTO_MODEL, type EstimatorInputs } from './useEstimator';

interface Props {
  inputs: EstimatorInputs;
  onChange: (next: Partial<EstimatorInputs>) => void;
  models: readonly (EstimatorModel & { allowed: boolean })[];
  tier: EstimatorTier;
  maxTokensError?: string;
  compact?: boolean;
  /** Only the tier's models can be picked (see ModelPicker). */
  onlyAllowed?: boolean;
  /** Placeholder of the prompt box. */
  promptPlaceholder?: string;
}

export function EstimatorForm({ inputs, onChange, models, tier, maxTokensError, compact, onlyAllowed, promptPlaceholder }: Props) {
  const id = useId();
  const model = models.find((m) => m.id === inputs.modelId);
  const defaultBudget = model ? Math.min(model.maxOutputTokens, tier.maxTokensPerRequest) : tier.maxTokensPerRequest;
  const budgetHint =
    inputs.modelId === AUTO_MODEL || !model
      ? `Empty: the chosen model's cap, at most ${displayCount(tier.maxTokensPerRequest)} on your tier.`
      : `Empty: ${displayCount(defaultBudget)}, the smaller of the model's and your tier's cap.`;
  return (
    <div className="estimator-form">
      <div className="field">
        <label htmlFor={`${id}-prompt`}>Prompt</label>
        <textarea
          id={`${id}-prompt`}
          className="textarea"
          rows={compact ? 3 : 8}
          value={inputs.prompt}
          placeholder={promptPlaceholder ?? 'Paste or type the message you would send…'}
          onChange={(event) => onChange({ prompt: event.target.value })}
          data-testid="estimator-prompt"
        />
      </div>
      <div className="estimator-row">
        <div className="field estimator-model">
          <label htmlFor={`${id}-model`}>Model</label>
          <ModelPicker
            id={`${id}-model`}
            value={inputs.modelId}
            models={models}
            tierName={tier.name}
            onChange={(modelId) => onChange({ modelId })}
            onlyAllowed={onlyAllowed}
          />
        </div>
        <div className={`field estimator-max-tokens${maxTokensError ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-max-tokens`}>Max output tokens</label>
          <input
            id={`${id}-max-tokens`}
            inputMode="numeric"
            autoComplete="off"
            placeholder={model ? String(defaultBudget) : 'default'}
            value={inputs.maxTokensText}
            onChange={(event) => onChange({ maxTokensText: event.target.value })}
            aria-invalid={maxTokensError ? true : undefined}
            aria-describedby={`${id}-max-tokens-note`}
            data-testid="estimator-max-tokens"
          />
          <p id={`${id}-max-tokens-note`} className={maxTokensError ? 'field-error' : 'field-hint'}>
            {maxTokensError ?? budgetHint}
          </p>
        </div>
      </div>
    </div>
  );
}
