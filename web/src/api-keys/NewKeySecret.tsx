import { useRef, useState } from 'react';
import type { CreatedKey } from './useApiKeys';

type CopyState = 'idle' | 'copied' | 'manual';

/** Shows a new key's secret, once. The server keeps only a hash, so this is the only chance to copy it. */
export function NewKeySecret({ created, onDismiss }: { created: CreatedKey; onDismiss: () => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<CopyState>('idle');

  const copy = async () => {
    try {
      // Missing outside secure contexts (plain http on a LAN address), and it may be refused.
      if (!navigator.clipboard) throw new Error('Clipboard API unavailable');
      await navigator.clipboard.writeText(created.secret);
      setCopyState('copied');
    } catch {
      inputRef.current?.focus();
      inputRef.current?.select();
      setCopyState('manual');
    }
  };

  return (
    <div className="card secret-panel" role="region" aria-label="New API key secret" data-testid="api-key-secret-panel">
      <h2>Copy your new key “{created.name}”</h2>
      <p className="secret-warning">
        <strong>This secret will not be shown again.</strong> Store it somewhere safe now; if you lose it, revoke the key and create a new one.
      </p>
      <div className="secret-row">
        <input
          ref={inputRef}
          className="secret-value"
          readOnly
          // Focused and selected on arrival: ready to copy, and announced to screen readers.
          autoFocus
          value={created.secret}
          aria-label="API key secret"
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => event.currentTarget.select()}
          data-testid="api-key-secret"
        />
        <button type="button" className="button button-primary" onClick={() => void copy()} data-testid="copy-secret">
          {copyState === 'copied' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="field-hint" aria-live="polite">
        {copyState === 'copied' && 'Copied to the clipboard.'}
        {copyState === 'manual' && 'Copying is not available here: the secret is selected, press Ctrl+C (⌘C) to copy it.'}
      </p>
      <button type="button" className="button button-secondary" onClick={onDismiss} data-testid="dismiss-secret">
        I have saved it
      </button>
    </div>
  );
}
