import { useState } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import type { ApiKeyRowData } from './ApiKeyRow';
import { ApiKeyTable } from './ApiKeyTable';
import { CreateApiKeyForm } from './CreateApiKeyForm';
import { EditKeyLimitsDialog } from './EditKeyLimitsDialog';
import { NewKeySecret } from './NewKeySecret';
import { RevokeApiKeyDialog, type KeyToRevoke } from './RevokeApiKeyDialog';
import { useActingAccess } from './useActingAccess';
import { useApiKeys, type CreatedKey } from './useApiKeys';
import './api-keys.css';

export function ApiKeysPage() {
  const { keys, loading, error, create, creating, revoke, revoking, setLimits, settingLimits } = useApiKeys();
  const access = useActingAccess();
  // Component state only: leaving this screen or dismissing the panel forgets the secret for good.
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [toRevoke, setToRevoke] = useState<KeyToRevoke | null>(null);
  const [editing, setEditing] = useState<ApiKeyRowData | null>(null);
  // "Resets in …" is measured from when the list was drawn; each refetch draws it again.
  const now = new Date();

  return (
    <section className="page">
      <h1>API keys</h1>
      <p className="muted">
        Keys let your applications call Tollgate. Each key has scopes that limit what it can do, and may have a spend cap, an expiry date and a list of the
        models it may call; revoke a key as soon as you no longer need it or suspect it leaked.
      </p>

      {created && <NewKeySecret created={created} onDismiss={() => setCreated(null)} />}

      <CreateApiKeyForm pending={creating} onCreate={async (input) => setCreated(await create(input))} teamName={access.team?.name} />

      <h2>{access.team ? (access.memberOnly ? `Your keys on ${access.team.name}` : `Keys of ${access.team.name}`) : 'Your keys'}</h2>
      {access.memberOnly && (
        <p className="muted" data-testid="key-limits-member-note">
          As a member of this team you see your own keys. You may give a new key a spend cap, an expiry and models when you create it; after that, only a team
          owner or admin can change them: ask one of them.
        </p>
      )}
      {error && !keys && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {loading && !keys && <p className="muted">Loading keys…</p>}
      {keys && (
        <ApiKeyTable keys={keys} onRevoke={setToRevoke} onEditLimits={access.manages ? setEditing : undefined} showOwner={access.team !== null} now={now} />
      )}

      <RevokeApiKeyDialog apiKey={toRevoke} pending={revoking} onRevoke={revoke} onClose={() => setToRevoke(null)} />
      {editing && <EditKeyLimitsDialog apiKey={editing} pending={settingLimits} onSave={setLimits} onClose={() => setEditing(null)} />}
    </section>
  );
}
