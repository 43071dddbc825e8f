import { useState } from 'react';

/**
 * The transaction id is what support asks for (say, to refund a charge), but a UUID is noise on
 * screen: a button copies it, and its tooltip shows it. The CSV export has every id too.
 */
export function CopyIdButton({ id }: { id: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(id);
      setCopied(true);
    } catch {
      // No clipboard (an insecure origin, a refusal): the id is still in the tooltip to select.
      setCopied(false);
    }
  };
  return (
    <button
      type="button"
      className="tx-id"
      title={`Transaction id ${id}: quote it to support, e.g. to ask for a refund`}
      onClick={copy}
      data-testid="transaction-id"
    >
      {copied ? 'Id copied' : 'Copy id'}
    </button>
  );
}
