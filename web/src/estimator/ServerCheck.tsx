import type { Agreement, ServerAnswer } from './server-agreement';

interface Props {
  answer?: ServerAnswer;
  loading: boolean;
  agreement?: Agreement;
}

/**
 * The server's `estimateCost` for the same input, compared with the browser's figures. A person
 * only needs to hear about it when the two disagree (the figures above may then be off), so while
 * they agree it shows nothing: the comparison stays in the page's data attributes, where the
 * browser tests assert it (e2e/estimator.test.ts), and the screen stays about the cost.
 */
export function ServerCheck({ answer, loading, agreement }: Props) {
  const state = loading || !answer ? 'pending' : (agreement?.kind ?? 'pending');
  return (
    <div
      className="server-check"
      data-testid="server-check"
      data-state={state}
      data-model={answer?.ok ? answer.figures.model : undefined}
      data-expected={answer?.ok ? answer.figures.expectedCredits : undefined}
      data-max={answer?.ok ? answer.figures.maxCredits : undefined}
      data-input-tokens={answer?.ok ? answer.figures.inputTokens : undefined}
      data-code={answer && !answer.ok ? answer.code : undefined}
      hidden={state !== 'mismatch'}
    >
      {state === 'mismatch' && (
        <p className="alert alert-warning" role="status" data-testid="server-agreement">
          The price the server would charge differs from this estimate (prices or your tier may have just changed). Reload the page for current figures; a
          request is always charged at the server&apos;s price.
        </p>
      )}
    </div>
  );
}
