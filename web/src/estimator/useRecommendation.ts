import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

const RecommendModelQuery = graphql(`
  query RecommendModel($prompt: String!, $maxTokens: Int) {
    recommendModel(prompt: $prompt, maxTokens: $maxTokens) {
      model
      reasoning
      ...RecommendationPanel_ModelRecommendation
    }
  }
`);

/** What `auto` picks for this (settled) prompt; skipped unless `enabled`. */
export function useRecommendation(prompt: string, maxTokens: number | null, enabled: boolean) {
  const { data, error, loading } = useQuery(RecommendModelQuery, {
    variables: { prompt, maxTokens },
    skip: !enabled,
    // The choice depends on the balance, which moves: always ask.
    fetchPolicy: 'network-only',
  });
  return {
    recommendation: enabled && !loading ? data?.recommendModel : undefined,
    error: enabled && !loading ? error : undefined,
    loading: enabled && loading,
  };
}
