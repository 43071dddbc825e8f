import { useQuery } from '@apollo/client/react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { graphql } from '../gql';
import type { ServerAnswer } from './server-agreement';

const EstimateCostQuery = graphql(`
  query EstimateCost($input: EstimateCostInput!) {
    estimateCost(input: $input) {
      model
      inputTokens
      maxOutputTokens
      expectedCredits
      maxCredits
      affordable
    }
  }
`);

export interface ServerEstimateRequest {
  model: string;
  prompt: string;
  maxTokens: number | null;
}

/** The server's own `estimateCost` for the same (settled) input: the check on the browser's figures. */
export function useServerEstimate(request: ServerEstimateRequest, enabled: boolean): { answer?: ServerAnswer; loading: boolean } {
  const { data, error, loading } = useQuery(EstimateCostQuery, {
    variables: { input: { model: request.model, prompt: request.prompt, maxTokens: request.maxTokens } },
    skip: !enabled,
    // `affordable` follows the balance: never answer from the cache.
    fetchPolicy: 'network-only',
  });
  if (!enabled || loading) return { loading: enabled && loading };
  if (data) return { answer: { ok: true, figures: data.estimateCost }, loading: false };
  if (error) {
    const problem = problemFromError(error);
    return { answer: { ok: false, code: problem.code, message: describeProblem(problem) }, loading: false };
  }
  return { loading: false };
}
