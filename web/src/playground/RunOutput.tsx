import { ProblemText } from '../apollo/ProblemText';
import { Credits } from '../ui/Credits';
import { displayCount } from '../models/format';
import { Alert } from '../ui/Alert';
import { CUT_SHORT, isRunning, type RunState } from './run-state';

const STATUS_TEXT: Record<RunState['status'], string> = {
  idle: '',
  waiting: 'Waiting for the first words…',
  streaming: 'Streaming…',
  done: 'Done',
  stopped: 'Stopped: you are charged for the tokens produced so far.',
  failed: 'Failed',
};

/** The answer as it streams in, then who answered it and what it cost. */
export function RunOutput({ state }: { state: RunState }) {
  if (state.status === 'idle') {
    return (
      <p className="muted playground-idle" data-testid="playground-idle">
        The answer streams in here, word by word, with what it cost once it is complete.
      </p>
    );
  }
  const running = isRunning(state);
  return (
    <div className="playground-run" data-testid="playground-run" data-status={state.status}>
      <p className="playground-status muted" role="status">
        {STATUS_TEXT[state.status]}
      </p>
      <div className="playground-output" aria-live="polite" aria-busy={running} data-testid="playground-output">
        {state.text}
        {running && <span className="playground-caret" aria-hidden="true" />}
      </div>
      {state.problem && (
        <Alert testId="playground-error">
          <ProblemText problem={state.problem} wording={{ [CUT_SHORT.code]: `${CUT_SHORT.message} Your balance shows what it was charged.` }} />
        </Alert>
      )}
      {state.model && <RunFacts state={state} />}
    </div>
  );
}

function RunFacts({ state }: { state: RunState }) {
  return (
    <dl
      className="playground-facts"
      data-testid="playground-result"
      data-model={state.model ?? ''}
      data-provider={state.provider ?? ''}
      data-cached={state.cached === null ? '' : String(state.cached)}
      data-fallback-from={state.fallbackFrom ?? ''}
      data-charged={state.charged ?? ''}
    >
      <div>
        <dt>Answered by</dt>
        <dd>
          <code data-testid="playground-model">{state.model}</code> via {state.provider ?? '…'}
          {state.byok && <span className="badge badge-success"> your key</span>}
        </dd>
        {state.fallbackFrom && (
          <dd className="muted" data-testid="playground-fallback">
            {state.fallbackFrom} was asked for but failed; this fallback answered and is what you pay for.
          </dd>
        )}
      </div>
      <div>
        <dt>Cache</dt>
        <dd data-testid="playground-cached">{state.cached ? 'Answered from the cache' : state.cached === false ? 'Fresh answer' : '…'}</dd>
      </div>
      {state.usage && (
        <div>
          <dt>Tokens</dt>
          <dd>
            {displayCount(state.usage.inputTokens)} in, {displayCount(state.usage.outputTokens)} out
          </dd>
        </div>
      )}
      {state.charged !== null && (
        <div>
          <dt>Charged</dt>
          <dd className="playground-charge" data-testid="playground-charged">
            <Credits value={state.charged} />
          </dd>
          {state.availableAfter && (
            <dd className="muted">
              <Credits value={state.availableAfter} kind="balance" /> available after it
            </dd>
          )}
        </div>
      )}
    </dl>
  );
}
