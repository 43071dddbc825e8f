import { useState } from 'react';
import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError } from '../../apollo/problem';
import { getFragmentData } from '../../gql';
import { Alert } from '../../ui/Alert';
import { AdminModelRowFragment, type AdminModel } from './AdminModelRow';
import { AdminModelTable } from './AdminModelTable';
import { DeactivateModelDialog } from './DeactivateModelDialog';
import { EditPriceDialog } from './EditPriceDialog';
import { PriceHistoryDialog } from './PriceHistoryDialog';
import { useAdminModels } from './useAdminModels';
import '../../models/models.css';
import '../admin.css';
import './catalog-admin.css';

export function AdminModelsPage() {
  const { models: masked, error, setActive, toggling } = useAdminModels();
  const models = masked ? getFragmentData(AdminModelRowFragment, masked) : undefined;
  // Each dialog mounts on opening, so its form starts from the model's price as it is now.
  const [editing, setEditing] = useState<AdminModel | null>(null);
  const [history, setHistory] = useState<AdminModel | null>(null);
  const [deactivating, setDeactivating] = useState<AdminModel | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [toggleError, setToggleError] = useState<string | null>(null);

  const toggle = async (model: AdminModel) => {
    setNotice(null);
    setToggleError(null);
    if (model.active) return setDeactivating(model);
    try {
      await setActive(model.id, true);
      setNotice(`${model.displayName} is active again.`);
    } catch (problem) {
      setToggleError(describeProblem(problemFromError(problem)));
    }
  };

  return (
    <section className="page">
      <h1>Catalog</h1>
      <p className="muted">
        Every model, inactive ones included, at the provider&apos;s list price in USD per 1M tokens. A new price is a new version from now or later; usage
        already charged keeps its price.
      </p>
      {notice && (
        <Alert tone="info" testId="catalog-notice">
          {notice}
        </Alert>
      )}
      {toggleError && <Alert>{toggleError}</Alert>}
      {error && !models && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!models && !error && <p className="muted">Loading the catalog…</p>}
      {models && (
        <AdminModelTable
          models={models}
          busy={toggling}
          onToggle={(model) => void toggle(model)}
          onEditPrice={(model) => {
            setNotice(null);
            setEditing(model);
          }}
          onHistory={setHistory}
        />
      )}

      {editing && (
        <EditPriceDialog
          model={editing}
          onClose={() => setEditing(null)}
          onDone={(message) => {
            setEditing(null);
            setNotice(message);
          }}
        />
      )}
      {history && <PriceHistoryDialog model={history} onClose={() => setHistory(null)} />}
      <DeactivateModelDialog
        model={deactivating}
        pending={toggling}
        onDeactivate={async (modelId) => {
          await setActive(modelId, false);
          setNotice(`${deactivating?.displayName ?? modelId} is off: it is hidden from users and refuses requests.`);
        }}
        onClose={() => setDeactivating(null)}
      />
    </section>
  );
}
