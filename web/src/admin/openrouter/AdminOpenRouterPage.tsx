import { useMemo, useState } from 'react';
import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError } from '../../apollo/problem';
import { Alert } from '../../ui/Alert';
import { OpenRouterKeysTable } from './OpenRouterKeysTable';
import { PriceImportTable, rowsOf, type PriceRowData } from './PriceImportTable';
import { initialSelection, selectedIds, toggle } from './price-selection';
import { useOpenRouterKeys } from './useOpenRouterKeys';
import { usePriceImport } from './usePriceImport';

/**
 * Admin: OpenRouter automation. Each user's OpenRouter key with OpenRouter's reported usage beside
 * what we metered, and the review of OpenRouter's current prices before they become price versions.
 */
export function AdminOpenRouterPage() {
  const keys = useOpenRouterKeys();
  // The server answers PROVIDER_UNAVAILABLE for the key list only when the automation is off (it reads no OpenRouter API).
  const off = keys.error ? problemFromError(keys.error).code === 'PROVIDER_UNAVAILABLE' : false;
  return (
    <section className="page">
      <div className="page-head">
        <div>
          <h1>OpenRouter</h1>
          <p className="muted">Keys Tollgate created for each user at OpenRouter, and OpenRouter's current prices for review.</p>
        </div>
      </div>
      {off ? (
        <p className="empty" data-testid="openrouter-off">
          OpenRouter automation is off. To give each user an OpenRouter key of their own and import OpenRouter&apos;s prices, set OPENROUTER_PROVISIONING_KEY
          (an OpenRouter management key) on the server.
        </p>
      ) : (
        <>
          <KeysSection {...keys} />
          <PricesSection />
        </>
      )}
    </section>
  );
}

function KeysSection({ keys, error, syncing, sync }: ReturnType<typeof useOpenRouterKeys>) {
  return (
    <>
      <div className="page-head">
        <h2>Keys</h2>
        <button type="button" className="button button-secondary" onClick={sync} disabled={syncing || !keys} data-testid="openrouter-sync">
          {syncing ? 'Reading usage…' : 'Read usage from OpenRouter'}
        </button>
      </div>
      {error && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!keys && !error && <p className="muted">Loading…</p>}
      {keys && <OpenRouterKeysTable keys={keys} />}
    </>
  );
}

function PricesSection() {
  const { rows: masked, error, applying, applyError, appliedCount, apply } = usePriceImport();
  const rows = useMemo(() => (masked ? rowsOf(masked) : undefined), [masked]);
  // The review starts from what changed; re-seeded whenever a fresh list arrives.
  const [picked, setPicked] = useState<{ from: readonly PriceRowData[]; ids: Set<string> } | null>(null);
  const selection = rows ? (picked?.from === rows ? picked.ids : initialSelection(rows)) : new Set<string>();
  const ids = rows ? selectedIds(rows, selection) : [];
  return (
    <>
      <div className="page-head">
        <h2>Price import</h2>
        <button
          type="button"
          className="button button-primary"
          disabled={applying || ids.length === 0}
          onClick={() => void apply(ids)}
          data-testid="openrouter-apply"
        >
          {applying ? 'Applying…' : `Apply ${ids.length} new price${ids.length === 1 ? '' : 's'}`}
        </button>
      </div>
      <p className="muted">Applied prices become new price versions from now on; calls already made keep the price they were charged.</p>
      {(error || applyError) && <Alert>{describeProblem(problemFromError((error ?? applyError)!))}</Alert>}
      {appliedCount !== null && !applyError && (
        <p className="notice" data-testid="openrouter-applied">
          {appliedCount} price{appliedCount === 1 ? '' : 's'} applied.
        </p>
      )}
      {!rows && !error && <p className="muted">Loading…</p>}
      {rows && <PriceImportTable rows={rows} selection={selection} onToggle={(row) => setPicked({ from: rows, ids: toggle(selection, row) })} />}
    </>
  );
}
