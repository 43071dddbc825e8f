import { useState } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import { ApiKeyTable } from './ApiKeyTable';
import { CreateApiKeyForm } from './CreateApiKeyForm';
import { NewKeySecret } from './NewKeySecret';
import { RevokeApiKeyDialog, type KeyToRevoke } from './RevokeApiKeyDialog';
import { useApiKeys, type CreatedKey } from './useApiKeys';
import './api-keys.css';

export function ApiKeysPage() {
  const { keys, loading, error, create, creating, revoke, revoking } = useApiKeys();
  // Component state only: leaving this screen or dismissing the panel forgets the secret for good.
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [toRevoke, setToRevoke] = useState<KeyToRevoke | null>(null);

  return (
    <section className="page">
      <h1>API keys</h1>
      <p className="muted">
        Keys let your applications call Tollgate. Each key has scopes that limit what it can do; revoke a key as soon as you no longer need it or suspect it
        leaked.
      </p>

      {created && <NewKeySecret created={created} onDismiss={() => setCreated(null)} />}

      <CreateApiKeyForm pending={creating} onCreate={async (input) => setCreated(await create(input))} />

      <h2>Your keys</h2>
      {error && !keys && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {loading && !keys && <p className="muted">Loading keys…</p>}
      {keys && <ApiKeyTable keys={keys} onRevoke={setToRevoke} />}

      <RevokeApiKeyDialog apiKey={toRevoke} pending={revoking} onRevoke={revoke} onClose={() => setToRevoke(null)} />
    </section>
  );
}
