import { TextField } from '../ui/TextField';
import { REASON_MAX_LENGTH, type CreditActionErrors, type CreditActionKind, type CreditActionValues } from './credit-action';

interface Props {
  kind: CreditActionKind;
  values: CreditActionValues;
  errors: CreditActionErrors;
  today: string;
  onChange: (next: Partial<CreditActionValues>) => void;
}

export function CreditActionFields({ kind, values, errors, today, onChange }: Props) {
  return (
    <>
      {kind === 'refund' && (
        <TextField
          name="transactionId"
          label="Transaction id"
          autoComplete="off"
          spellCheck={false}
          value={values.transactionId}
          onChange={(transactionId) => onChange({ transactionId })}
          error={errors.transactionId}
          hint="The USAGE or ADMIN_DEDUCT transaction to refund. The user sees each id in their transaction history and CSV export."
        />
      )}
      <TextField
        name="amount"
        label={kind === 'refund' ? 'Amount (optional)' : 'Amount'}
        inputMode="decimal"
        autoComplete="off"
        placeholder="e.g. 12.5"
        value={values.amount}
        onChange={(amount) => onChange({ amount })}
        error={errors.amount}
        hint={
          kind === 'refund'
            ? 'Credits, up to 6 decimals, at most 1,000,000. Empty refunds all that is still refundable.'
            : 'Credits, up to 6 decimals, at most 1,000,000 in one request.'
        }
      />
      <ReasonField value={values.reason} error={errors.reason} onChange={(reason) => onChange({ reason })} />
      {kind === 'grant' && (
        <TextField
          name="expiresOn"
          label="Expires after (optional)"
          type="date"
          min={today}
          value={values.expiresOn}
          onChange={(expiresOn) => onChange({ expiresOn })}
          error={errors.expiresOn}
          hint="The credit can be spent until the end of this day. Empty: never expires."
        />
      )}
    </>
  );
}

/** Why credit moves: every credit action's reason, which the user reads in their history. */
export function ReasonField({ value, error, onChange }: { value: string; error: string | undefined; onChange: (reason: string) => void }) {
  return (
    <TextField
      name="reason"
      label="Reason"
      autoComplete="off"
      maxLength={REASON_MAX_LENGTH}
      value={value}
      onChange={onChange}
      error={error}
      hint="Shown to the user in their transaction history."
    />
  );
}
