import { displayCredits } from '../credits/money';
import type { Agreement, ServerAnswer } from './server-agreement';

interface Props {
  answer?: ServerAnswer;
  loading: boolean;
  agreement?: Agreement;
}

const FIELD_NAMES: Record<string, string> = {
  outcome: 'the outcome',
  model: 'the model',
  inputTokens: 'input tokens',
  maxOutputTokens: 'output budget',
  expectedCredits: 'expected credits',
  maxCredits: 'maximum credits',
  affordable: 'affordability',
};

/** The server's `estimateCost` for the same input, and whether it agrees with the figures above. */
export function ServerCheck({ answer, loading, agreement }: Props) {
  const state = loading || !answer ? 'pending' : (agreement?.kind ?? 'pending');
  return (
    <p
      className={`server-check server-check-${state}`}
      data-testid="server-check"
      data-state={state}
      data-model={answer?.ok ? answer.figures.model : undefined}
      data-expected={answer?.ok ? answer.figures.expectedCredits : undefined}
      data-max={answer?.ok ? answer.figures.maxCredits : undefined}
      data-input-tokens={answer?.ok ? answer.figures.inputTokens : undefined}
      data-code={answer && !answer.ok ? answer.code : undefined}
    >
      <span className="server-check-label">Server check</span>{' '}
      {loading || !answer ? (
        <span className="muted">asking the server…</span>
      ) : answer.ok ? (
        <span>
          expected <strong title={answer.figures.expectedCredits}>{displayCredits(answer.figures.expectedCredits)}</strong>, maximum{' '}
          <strong title={answer.figures.maxCredits}>{displayCredits(answer.figures.maxCredits)}</strong> credits ({answer.figures.model},{' '}
          {answer.figures.inputTokens} input tokens)
        </span>
      ) : (
        <span>
          refused: <code>{answer.code}</code>
        </span>
      )}{' '}
      {agreement && !loading && (
        <span className={`badge ${agreement.kind === 'match' ? 'badge-success' : 'badge-danger'}`} data-testid="server-agreement">
          {agreement.kind === 'match' ? '✓ matches' : `✗ differs: ${agreement.fields.map((f) => FIELD_NAMES[f] ?? f).join(', ')}`}
        </span>
      )}
    </p>
  );
}
