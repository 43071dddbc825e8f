import { useState } from 'react';
import { Link } from 'react-router';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { ManagerOnlyControls, ManagerOnlyNotice } from '../teams/ManagerOnly';
import { useManagerOnly } from '../teams/useManagerOnly';
import { Alert } from '../ui/Alert';
import { DeleteProviderKeyDialog } from './DeleteProviderKeyDialog';
import { byokLockedMessage } from './byok-access';
import { maskedKey, providerName } from './provider-key-form';
import { ProviderKeyForm } from './ProviderKeyForm';
import type { KeyToDelete } from './ProviderKeyRow';
import { ProviderKeyTable } from './ProviderKeyTable';
import { useProviderKeys } from './useProviderKeys';
import './provider-keys.css';

/** BYOK: the user's own provider keys. Calls made with them are metered but carry no markup. */
export function ProviderKeysPage() {
  const { keys, tier, tiers, refetch, loading, error, setKey, saving, deleteKey, deleting } = useProviderKeys();
  const [toDelete, setToDelete] = useState<KeyToDelete | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const locked = tier ? byokLockedMessage(tier, tiers ?? []) : null;
  // A team's keys are the owners' and admins' to set: a member sees them, masked, and cannot change them.
  const lock = useManagerOnly();

  return (
    <section className="page">
      <h1>Provider keys</h1>
      <p className="muted">
        Bring your own OpenAI, Anthropic, Google or OpenRouter key: calls to that provider&apos;s models then run on your account with them, and Tollgate meters
        them without its markup.
      </p>

      <ManagerOnlyNotice notice={lock.notice} />
      {/* The one message on a tier without BYOK; the form below is disabled, not repeating it. */}
      {locked && (
        <Alert tone="info" testId="byok-tier-note">
          {locked} <Link to="/tiers">Compare tiers</Link>
        </Alert>
      )}
      {notice && (
        <Alert tone="info" testId="provider-key-notice">
          {notice}
        </Alert>
      )}

      <ProviderKeyForm
        stored={(keys ?? []).map((key) => key.provider)}
        pending={saving}
        disabled={locked !== null || lock.locked}
        onSave={async (input) => {
          setNotice(null);
          const saved = await setKey(input).catch(async (err: unknown) => {
            // The tier changed since the page loaded: read it again, and the page turns to the locked state.
            if (problemFromError(err).code === 'TIER_LIMIT_EXCEEDED') await refetch().catch(() => undefined);
            throw err;
          });
          setNotice(`Your ${providerName(saved.provider)} key ${maskedKey(saved.last4)} is saved.`);
        }}
      />

      <h2>Your keys</h2>
      {error && !keys && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {loading && !keys && <p className="muted">Loading keys…</p>}
      {keys && (
        <ManagerOnlyControls locked={lock.locked}>
          <ProviderKeyTable
            keys={keys}
            onDelete={(key) => {
              setNotice(null);
              setToDelete(key);
            }}
          />
        </ManagerOnlyControls>
      )}

      <DeleteProviderKeyDialog providerKey={toDelete} pending={deleting} onDelete={deleteKey} onClose={() => setToDelete(null)} />
    </section>
  );
}
