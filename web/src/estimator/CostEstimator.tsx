import { useState } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { useCreditBalance } from '../credits/useCreditBalance';
import { Alert } from '../ui/Alert';
import { EstimateResult } from './EstimateResult';
import { EstimatorForm } from './EstimatorForm';
import { AUTO_MODEL, useEstimator, type EstimatorInputs } from './useEstimator';
import './estimator.css';

interface Props {
  /** The dashboard's card: a smaller prompt box, the figures without the reasoning. */
  compact?: boolean;
  initialModel?: string;
}

/** Prompt in, cost out: priced in the browser as you type, and checked against the server's own estimate (a note only if they differ). */
export function CostEstimator({ compact = false, initialModel = AUTO_MODEL }: Props) {
  const [inputs, setInputs] = useState<EstimatorInputs>({ prompt: '', modelId: initialModel, maxTokensText: '' });
  const state = useEstimator(inputs);
  const { balance } = useCreditBalance();
  const { models, tier, error } = state.catalog;

  if (!models || !tier) {
    return error ? <Alert>{describeProblem(problemFromError(error))}</Alert> : <p className="muted">Loading models…</p>;
  }
  return (
    <div className={`estimator${compact ? ' estimator-compact' : ''}`} data-testid={compact ? 'estimator-widget' : 'estimator'}>
      <EstimatorForm
        inputs={inputs}
        onChange={(next) => setInputs((current) => ({ ...current, ...next }))}
        models={models}
        tier={tier}
        maxTokensError={state.maxTokensInvalid ? 'Enter a whole number of tokens, or leave it empty' : undefined}
        compact={compact}
      />
      <EstimateResult state={state} available={balance?.available} compact={compact} />
    </div>
  );
}
