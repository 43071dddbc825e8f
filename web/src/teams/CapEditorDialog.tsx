import { useState, type FormEvent } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { amountProblem, exactCredits, plainCredits } from '../credits/money';
import { Alert } from '../ui/Alert';
import { Modal } from '../ui/Modal';
import { TextField } from '../ui/TextField';
import { SPEND_PERIOD_CHOICES } from './cap-text';
import type { SpendPeriodValue } from './useTeamMembers';

export interface CapTarget {
  userId: string;
  email: string;
  cap: { limit: string; period: SpendPeriodValue } | null;
}

interface Props {
  target: CapTarget;
  pending: boolean;
  onSave: (cap: { limit: string; period: SpendPeriodValue } | null) => Promise<void>;
  onClose: () => void;
}

/**
 * Sets or clears one member's spend cap: credits per calendar day, week or month (UTC). What the
 * member spent before the change still counts in the current period.
 */
export function CapEditorDialog({ target, pending, onSave, onClose }: Props) {
  const [limit, setLimit] = useState(target.cap ? plainCredits(target.cap.limit) : '');
  const [period, setPeriod] = useState<SpendPeriodValue>(target.cap?.period ?? 'MONTH');
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const limitError = submitted ? amountProblem(limit) : undefined;

  const run = async (cap: { limit: string; period: SpendPeriodValue } | null) => {
    setProblem(null);
    try {
      await onSave(cap);
      onClose();
    } catch (error) {
      setProblem(describeProblem(problemFromError(error)));
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (pending || amountProblem(limit)) return;
    void run({ limit: exactCredits(limit), period });
  };

  return (
    <Modal title="Spend cap" onClose={onClose} testId="cap-dialog">
      <form onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <p className="dialog-subject">
            For <strong>{target.email}</strong>. Calls that would pass the cap are refused until it resets.
          </p>
          {problem && <Alert testId="cap-error">{problem}</Alert>}
          <TextField name="cap-limit" label="Cap (credits)" inputMode="decimal" value={limit} onChange={setLimit} error={limitError} />
          <div className="field">
            <label htmlFor="cap-period">Period</label>
            <select id="cap-period" value={period} onChange={(event) => setPeriod(event.target.value as SpendPeriodValue)} data-testid="cap-period-select">
              {SPEND_PERIOD_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
            <p className="field-hint">Periods are calendar periods in UTC.</p>
          </div>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose} data-testid="cap-cancel">
            Cancel
          </button>
          {target.cap && (
            <button type="button" className="button button-danger-ghost" disabled={pending} onClick={() => void run(null)} data-testid="cap-clear">
              Remove cap
            </button>
          )}
          <button type="submit" className="button button-primary" disabled={pending} data-testid="cap-save">
            {pending ? 'Saving…' : 'Save cap'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
