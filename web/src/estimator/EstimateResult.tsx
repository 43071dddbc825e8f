import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import { EstimateFigures } from './EstimateFigures';
import { EstimateProblemAlert } from './EstimateProblemAlert';
import { RecommendationPanel } from './RecommendationPanel';
import { ServerCheck } from './ServerCheck';
import type { EstimatorState } from './useEstimator';

interface Props {
  state: EstimatorState;
  available?: string;
  compact?: boolean;
}

/** Everything below the form: what auto chose, the browser's figures or why there are none, and a note only if the server's own estimate disagrees. */
export function EstimateResult({ state, available, compact }: Props) {
  const { client, server, agreement, recommendation, settled, typing, catalog } = state;
  const names = new Map((catalog.models ?? []).map((model) => [model.id, model.displayName]));

  if (state.counterFailed) return <Alert>Could not load the token counter. Reload the page to try again.</Alert>;
  if (settled.prompt.trim() === '') {
    return (
      <p className="muted estimate-idle" data-testid="estimate-idle">
        Type a prompt to see what sending it would cost.
      </p>
    );
  }
  if (state.maxTokensInvalid) return <p className="muted estimate-idle">Enter a valid output budget to see an estimate.</p>;
  return (
    <div className={`estimate-result${typing ? ' is-typing' : ''}`} aria-live="polite" aria-busy={typing || server.loading} data-testid="estimate-result">
      {recommendation.recommendation && <RecommendationPanel recommendation={recommendation.recommendation} names={names} compact={compact} />}
      {!client && !recommendation.error && <p className="muted">Estimating…</p>}
      {client?.ok && (
        <EstimateFigures
          figures={client.figures}
          modelName={names.get(client.figures.model) ?? client.figures.model}
          available={available}
          stale={typing}
          compact={compact}
        />
      )}
      {client && !client.ok && <EstimateProblemAlert problem={client.problem} />}
      {!client && recommendation.error && <Alert>{describeProblem(problemFromError(recommendation.error))}</Alert>}
      {state.serverAsked ? (
        <ServerCheck answer={server.answer} loading={server.loading} agreement={agreement} />
      ) : (
        <div className="server-check" data-testid="server-check" data-state="not-asked" hidden />
      )}
    </div>
  );
}
