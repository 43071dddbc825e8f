import { useState, type FormEvent } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { useCreditBalance } from '../credits/useCreditBalance';
import { parseMaxTokens, promptProblem } from '../estimator/client-estimate';
import { EstimateResult } from '../estimator/EstimateResult';
import { EstimatorForm } from '../estimator/EstimatorForm';
import { AUTO_MODEL, useEstimator, type EstimatorInputs } from '../estimator/useEstimator';
import { Alert } from '../ui/Alert';
import { isRunning } from './run-state';
import { RunOutput } from './RunOutput';
import { useCompletionStream } from './useCompletionStream';
import '../estimator/estimator.css';
import './playground.css';

/**
 * Try a model for real: the cost is previewed as you type (the estimator's own shared-code figures,
 * checked against the server's), then Run streams the answer and shows what it was charged, while
 * the balance in the top bar follows live.
 */
export function PlaygroundPage() {
  const [inputs, setInputs] = useState<EstimatorInputs>({ prompt: '', modelId: AUTO_MODEL, maxTokensText: '' });
  const estimate = useEstimator(inputs);
  const { balance } = useCreditBalance();
  const { state, start, stop } = useCompletionStream();
  const { models, tier, error } = estimate.catalog;
  const running = isRunning(state);
  const maxTokens = parseMaxTokens(inputs.maxTokensText);
  const runnable = promptProblem(inputs.prompt) === undefined && maxTokens !== undefined;

  const run = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (running || !runnable) return;
    start({ model: inputs.modelId, prompt: inputs.prompt, ...(maxTokens === null ? {} : { maxTokens }) });
  };

  if (!models || !tier) {
    return (
      <section className="page">
        <h1>Playground</h1>
        {error ? <Alert>{describeProblem(problemFromError(error))}</Alert> : <p className="muted">Loading models…</p>}
      </section>
    );
  }
  return (
    <section className="page playground">
      <h1>Playground</h1>
      <p className="muted">Send a prompt to any model you can run, or let auto pick one. Runs are charged like any call.</p>
      <div className="playground-grid">
        <form className="card stack" onSubmit={run} data-testid="playground-form">
          <EstimatorForm
            inputs={inputs}
            onChange={(next) => setInputs((current) => ({ ...current, ...next }))}
            models={models}
            tier={tier}
            maxTokensError={estimate.maxTokensInvalid ? 'Enter a whole number of tokens, or leave it empty' : undefined}
            onlyAllowed
            promptPlaceholder="Ask something…"
          />
          <div className="playground-actions">
            <button type="submit" className="button button-primary" disabled={running || !runnable} data-testid="playground-run-button">
              {running ? 'Running…' : 'Run'}
            </button>
            {running && (
              <button type="button" className="button button-secondary" onClick={stop} data-testid="playground-stop">
                Stop
              </button>
            )}
          </div>
          <section aria-labelledby="playground-cost" className="playground-cost">
            <h2 id="playground-cost">Cost before you run</h2>
            <EstimateResult state={estimate} available={balance?.available} compact />
          </section>
        </form>
        <section className="card" aria-labelledby="playground-answer">
          <h2 id="playground-answer">Answer</h2>
          <RunOutput state={state} />
        </section>
      </div>
    </section>
  );
}
