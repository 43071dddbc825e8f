import { useRef, useState } from 'react';
import type { CreatedInvitation } from './useInvitations';
import { roleWord } from './team-roles';

type CopyState = 'idle' | 'copied' | 'manual';

/**
 * A new invitation's link, shown once: the server keeps only its token's hash. Whoever opens it
 * (signed in, or after signing in or up) may join, unless the invitation names an email.
 */
export function InvitationLinkPanel({ created, onDismiss }: { created: CreatedInvitation; onDismiss: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<CopyState>('idle');
  const copy = async () => {
    try {
      // Missing outside secure contexts (plain http on a LAN address), and it may be refused.
      if (!navigator.clipboard) throw new Error('Clipboard API unavailable');
      await navigator.clipboard.writeText(created.link);
      setCopyState('copied');
    } catch {
      input.current?.focus();
      input.current?.select();
      setCopyState('manual');
    }
  };
  return (
    <div className="card secret-panel" role="region" aria-label="Invitation link" data-testid="invitation-link-panel">
      <h3>{created.email ? `Invitation sent to ${created.email}` : 'Invitation link'}</h3>
      <p>
        {created.email ? 'We emailed this link; only that address can accept it. ' : 'Anyone with this link can join once, '}
        as {roleWord(created.role)}. <strong>The link will not be shown again.</strong>
      </p>
      <div className="invite-link-row">
        <input
          ref={input}
          readOnly
          autoFocus
          value={created.link}
          aria-label="Invitation link"
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
          data-testid="invitation-link"
        />
        <button type="button" className="button button-primary" onClick={() => void copy()} data-testid="copy-invitation-link">
          {copyState === 'copied' ? 'Copied' : 'Copy link'}
        </button>
      </div>
      <p className="field-hint" aria-live="polite">
        {copyState === 'copied' && 'Copied to the clipboard.'}
        {copyState === 'manual' && 'Copying is not available here: the link is selected, press Ctrl+C (⌘C) to copy it.'}
      </p>
      <button type="button" className="button button-secondary" onClick={onDismiss} data-testid="dismiss-invitation-link">
        Done
      </button>
    </div>
  );
}
