import { useMemo, useState } from 'react';
import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError } from '../../apollo/problem';
import { getFragmentData } from '../../gql';
import { TierComparisonFragment } from '../../tiers/TierComparison';
import { Alert } from '../../ui/Alert';
import { TierEditor } from './TierEditor';
import { useAdminTiers } from './useAdminTiers';
import '../admin.css';
import './catalog-admin.css';

export function AdminTiersPage() {
  const { tiers: masked, models, error, updateTier, saving } = useAdminTiers();
  const tiers = masked ? getFragmentData(TierComparisonFragment, masked) : undefined;
  const knownModels = useMemo(() => new Set((models ?? []).map((model) => model.id)), [models]);
  const [code, setCode] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Bumped on save: the editor remounts from the tier as the server now has it.
  const [saves, setSaves] = useState(0);
  const tier = tiers?.find((t) => t.code === code) ?? tiers?.[0];

  return (
    <section className="page">
      <h1>Tier settings</h1>
      <p className="muted">
        Limits, included models, own-key use and markup per tier. Changes apply to everyone on the tier from their next request. Tier prices are shown to users;
        billing is not connected yet.
      </p>
      {notice && (
        <Alert tone="info" testId="tier-saved">
          {notice}
        </Alert>
      )}
      {error && !tiers && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!tiers && !error && <p className="muted">Loading tiers…</p>}
      {tiers && tier && (
        <>
          <div className="tier-picker" role="group" aria-label="Tier to edit">
            {tiers.map((t) => (
              <button
                key={t.code}
                type="button"
                className="button button-secondary"
                aria-pressed={t.code === tier.code}
                onClick={() => {
                  setCode(t.code);
                  setNotice(null);
                }}
                data-testid={`tier-pick-${t.code}`}
              >
                {t.name}
              </button>
            ))}
          </div>
          <TierEditor
            key={`${tier.code}-${saves}`}
            tier={tier}
            knownModels={knownModels}
            saving={saving}
            onSave={updateTier}
            onSaved={(message) => {
              setNotice(message);
              setSaves((n) => n + 1);
            }}
          />
        </>
      )}
    </section>
  );
}
