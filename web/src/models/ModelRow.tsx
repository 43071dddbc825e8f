import { Link } from 'react-router';
import { displayCredits } from '../credits/money';
import { graphql } from '../gql';
import type { ModelRow_ModelFragment } from '../gql/graphql';
import { AvailabilityBadge } from './AvailabilityBadge';
import { displayCount, displayTokens, displayUsd } from './format';
import { PriceClassBadge } from './PriceClassBadge';

export const ModelRowFragment = graphql(`
  fragment ModelRow_Model on Model {
    id
    displayName
    provider
    priceClass
    inputCreditsPerMTok
    outputCreditsPerMTok
    inputUsdPerMTok
    outputUsdPerMTok
    cachedInputUsdPerMTok
    contextWindow
    maxOutputTokens
    markupBps
    allowed
    kind
    availability {
      runnable
      via
      reason
    }
  }
`);

/** The unmasked row, which the table also sorts by. */
export type ModelRowModel = ModelRow_ModelFragment;

interface Props {
  model: ModelRowModel;
  tierName: string;
}

export function ModelRow({ model, tierName }: Props) {
  return (
    <tr
      className={!model.allowed ? 'is-disallowed' : model.availability.runnable ? undefined : 'is-unavailable'}
      data-testid="model-row"
      data-model={model.id}
      data-input-credits={model.inputCreditsPerMTok}
      data-output-credits={model.outputCreditsPerMTok}
      data-allowed={String(model.allowed)}
      data-runnable={String(model.availability.runnable)}
    >
      <td data-label="Model" className="model-cell-name">
        <span>
          <span className="model-name">{model.displayName}</span>
          <code className="model-id">{model.id}</code>
        </span>
      </td>
      <td data-label="Provider">{model.provider}</td>
      <td data-label="Class">
        <PriceClassBadge priceClass={model.priceClass} />
      </td>
      <td data-label="Input / 1M" className="num" title={`${model.inputCreditsPerMTok} credits per 1M input tokens`} data-testid="model-input-credits">
        {displayCredits(model.inputCreditsPerMTok)}
      </td>
      <td data-label="Output / 1M" className="num" title={`${model.outputCreditsPerMTok} credits per 1M output tokens`} data-testid="model-output-credits">
        {displayCredits(model.outputCreditsPerMTok)}
      </td>
      <td
        data-label="List price"
        className="num"
        title={model.cachedInputUsdPerMTok ? `Cached input: ${displayUsd(model.cachedInputUsdPerMTok)} per 1M` : undefined}
      >
        {displayUsd(model.inputUsdPerMTok)} / {displayUsd(model.outputUsdPerMTok)}
      </td>
      <td data-label="Context" className="num" title={`${displayCount(model.contextWindow)} tokens; replies up to ${displayCount(model.maxOutputTokens)}`}>
        {displayTokens(model.contextWindow)}
      </td>
      <td data-label="For you">
        <AvailabilityBadge allowed={model.allowed} tierName={tierName} availability={model.availability} />
      </td>
      <td className="cell-actions">
        {/* Embedding models answer no prompt: nothing to estimate in the estimator. */}
        {model.kind !== 'embedding' && (
          <Link
            className="button button-secondary button-small"
            to={`/estimator?model=${encodeURIComponent(model.id)}`}
            aria-label={`Estimate a request to ${model.displayName}`}
          >
            Estimate
          </Link>
        )}
      </td>
    </tr>
  );
}
