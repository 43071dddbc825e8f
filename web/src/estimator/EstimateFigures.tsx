import { Credits } from '../ui/Credits';
import { displayCount } from '../models/format';
import type { EstimateFigures as Figures } from './client-estimate';

interface Props {
  figures: Figures;
  modelName: string;
  available?: string;
  stale: boolean;
  compact?: boolean;
}

/** The browser's estimate: expected and worst-case credits, the counts behind them, and whether the balance covers the worst case. */
export function EstimateFigures({ figures, modelName, available, stale, compact }: Props) {
  return (
    <div
      className={`estimate${stale ? ' is-stale' : ''}`}
      data-testid="client-estimate"
      data-model={figures.model}
      data-expected={figures.expectedCredits}
      data-max={figures.maxCredits}
      data-input-tokens={figures.inputTokens}
      data-output-budget={figures.maxOutputTokens}
    >
      <dl className="estimate-figures">
        <div>
          <dt>Expected</dt>
          <dd className="estimate-amount" data-testid="estimate-expected">
            <Credits value={figures.expectedCredits} unit={false} />
          </dd>
          <dd className="estimate-note">{compact ? 'credits' : 'credits, for a reply of a quarter of the budget'}</dd>
        </div>
        <div>
          <dt>Maximum</dt>
          <dd className="estimate-amount" data-testid="estimate-max">
            <Credits value={figures.maxCredits} unit={false} />
          </dd>
          <dd className="estimate-note">{compact ? 'credits, at most' : 'credits, held while the request runs'}</dd>
        </div>
      </dl>
      <p className="muted estimate-basis">
        {modelName}: {displayCount(figures.inputTokens)} input tokens, up to {displayCount(figures.maxOutputTokens)} output tokens.
      </p>
      {figures.affordable !== null && (
        <p
          className={`estimate-cover ${figures.affordable ? 'is-covered' : 'is-short'}`}
          data-testid="estimate-affordable"
          data-affordable={String(figures.affordable)}
        >
          Your available {available ? <Credits value={available} kind="balance" /> : 'credits'}{' '}
          {figures.affordable ? 'cover the maximum.' : 'do not cover the maximum: the request would be refused.'}
        </p>
      )}
    </div>
  );
}
