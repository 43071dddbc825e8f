import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { Alert } from './Alert';

/** A query's failure, said plainly, with a button that asks again. */
export function RetryAlert({ error, onRetry }: { error: unknown; onRetry: () => unknown }) {
  return (
    <Alert>
      {describeProblem(problemFromError(error))}{' '}
      <button type="button" className="button button-link" onClick={() => void onRetry()}>
        Retry
      </button>
    </Alert>
  );
}
