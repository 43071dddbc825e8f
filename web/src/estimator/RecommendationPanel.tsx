import { Credits } from '../ui/Credits';
import { getFragmentData, graphql, type FragmentType } from '../gql';

export const RecommendationPanelFragment = graphql(`
  fragment RecommendationPanel_ModelRecommendation on ModelRecommendation {
    model
    taskType
    complexity
    signals
    reasoning
    alternatives {
      model
      maxCredits
      rejectedBecause
    }
  }
`);

interface Props {
  recommendation: FragmentType<typeof RecommendationPanelFragment>;
  /** Model id → display name. */
  names: ReadonlyMap<string, string>;
  compact?: boolean;
}

/** What `auto` chose for the prompt and why; in full, the alternatives it weighed. */
export function RecommendationPanel({ recommendation: masked, names, compact }: Props) {
  const r = getFragmentData(RecommendationPanelFragment, masked);
  const name = (id: string) => names.get(id) ?? id;
  return (
    <div className="recommendation" data-testid="recommendation" data-model={r.model ?? ''} data-task-type={r.taskType} data-complexity={r.complexity}>
      <p className="recommendation-head">
        {r.model ? (
          <>
            Auto picks <strong data-testid="recommended-model">{name(r.model)}</strong>
          </>
        ) : (
          <strong>Auto finds no model for this prompt</strong>
        )}
        <span className="chips">
          <span className="chip" title="Task type">
            {r.taskType}
          </span>
          <span className="chip" title="Complexity">
            {r.complexity} complexity
          </span>
        </span>
      </p>
      {!compact && (
        <>
          <p className="recommendation-reasoning" data-testid="recommendation-reasoning">
            {r.reasoning}
          </p>
          {r.signals.length > 0 && <p className="muted recommendation-signals">Signals: {r.signals.join(' · ')}</p>}
          {r.alternatives.length > 0 && (
            <details className="recommendation-alternatives">
              <summary>Also considered ({r.alternatives.length})</summary>
              <ul>
                {r.alternatives.map((alternative) => (
                  <li key={alternative.model}>
                    <span>{name(alternative.model)}</span>{' '}
                    <span className="muted">
                      up to <Credits value={alternative.maxCredits} /> — {alternative.rejectedBecause ?? 'fits, but costs more'}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </div>
  );
}
