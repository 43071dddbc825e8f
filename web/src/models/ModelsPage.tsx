import { useMemo } from 'react';
import { Link } from 'react-router';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { getFragmentData } from '../gql';
import { Alert } from '../ui/Alert';
import { filterModels, nextSort, sortModels } from './model-sort';
import { ModelRowFragment } from './ModelRow';
import { ModelTable } from './ModelTable';
import { UnavailableNote } from './UnavailableNote';
import { useModels } from './useModels';
import { useModelView } from './useModelView';
import './models.css';

export function ModelsPage() {
  const { models: masked, tier, error } = useModels();
  const { view, setView } = useModelView();
  const all = useMemo(() => (masked ? getFragmentData(ModelRowFragment, masked) : undefined), [masked]);
  const shown = useMemo(() => (all ? sortModels(filterModels(all, view.onlyAllowed), view.sort) : undefined), [all, view]);
  const allowedCount = all?.filter((model) => model.allowed).length ?? 0;
  const runnableCount = all?.filter((model) => model.availability.runnable).length ?? 0;

  return (
    <section className="page">
      <h1>Models &amp; prices</h1>
      <p className="muted">
        What each model costs you per 1M tokens, in credits with your markup included, next to the provider&apos;s list price in USD.{' '}
        {tier && (
          <>
            Your <Link to="/tiers">{tier.name} tier</Link> includes {allowedCount} of {all?.length ?? 0}.{' '}
            <span data-testid="models-runnable-count">
              {runnableCount} can run for you now
              {runnableCount < allowedCount && (
                <>
                  ; the others need a provider key (<Link to="/provider-keys">Provider keys</Link>)
                </>
              )}
              .
            </span>
          </>
        )}
      </p>

      <label className="checkbox models-filter">
        <input
          type="checkbox"
          checked={view.onlyAllowed}
          onChange={(event) => setView({ ...view, onlyAllowed: event.target.checked })}
          data-testid="only-allowed"
        />
        <span>Only what my tier allows</span>
      </label>

      {all && <UnavailableNote models={all} />}

      {error && !all && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!all && !error && <p className="muted">Loading models…</p>}
      {shown &&
        tier &&
        (shown.length === 0 ? (
          <p className="empty" data-testid="models-empty">
            Your tier includes none of the active models.
          </p>
        ) : (
          <ModelTable models={shown} sort={view.sort} onSort={(key) => setView({ ...view, sort: nextSort(view.sort, key) })} tierName={tier.name} />
        ))}
    </section>
  );
}
