import { useApolloClient } from '@apollo/client/react';
import { useEffect, useReducer, useRef } from 'react';
import { problemFromError } from '../apollo/problem';
import { graphql } from '../gql';
import type { CompletionInput } from '../gql/graphql';
import { IDLE_RUN, runReducer } from './run-state';

const CompletionStreamSubscription = graphql(`
  subscription CompletionStream($input: CompletionInput!) {
    completionStream(input: $input) {
      id
      delta
      done
      model
      provider
      fallbackFrom
      cached
      byok
      usage {
        inputTokens
        outputTokens
      }
      charged
      balance {
        balance
        held
        available
      }
    }
  }
`);

/**
 * Runs a completion through the `completionStream` subscription (graphql-ws) and folds its chunks
 * into a `RunState`. `stop` unsubscribes: the server then aborts the provider call and settles
 * for what was produced. Leaving the page stops the run the same way. The balance in the top bar
 * follows through `balanceChanged`, not through these chunks.
 */
export function useCompletionStream() {
  const client = useApolloClient();
  const [state, dispatch] = useReducer(runReducer, IDLE_RUN);
  const subscription = useRef<{ unsubscribe: () => void } | null>(null);
  const runs = useRef(0);

  useEffect(() => () => subscription.current?.unsubscribe(), []);

  const start = (input: CompletionInput) => {
    subscription.current?.unsubscribe();
    const run = ++runs.current;
    dispatch({ type: 'start', run });
    subscription.current = client
      // Chunks are one-off: nothing of them belongs in the cache.
      .subscribe({ query: CompletionStreamSubscription, variables: { input }, fetchPolicy: 'no-cache' })
      .subscribe({
        next: (result) => {
          if (result.error) dispatch({ type: 'fail', run, problem: problemFromError(result.error) });
          else if (result.data) dispatch({ type: 'chunk', run, chunk: result.data.completionStream });
        },
        error: (error: unknown) => dispatch({ type: 'fail', run, problem: problemFromError(error) }),
        complete: () => dispatch({ type: 'closed', run }),
      });
  };

  const stop = () => {
    subscription.current?.unsubscribe();
    subscription.current = null;
    dispatch({ type: 'stop', run: runs.current });
  };

  return { state, start, stop };
}
