import { useEffect, useState, type FormEvent } from 'react';
import { useLocation } from 'react-router';
import { describeProblem } from '../apollo/describe-problem';
import { problemField, problemFromError, type ApiProblem } from '../apollo/problem';
import { ManagerOnlyControls } from '../teams/ManagerOnly';
import { useManagerOnly } from '../teams/useManagerOnly';
import { Alert } from '../ui/Alert';
import { TextField } from '../ui/TextField';
import { amountProblem, displayCredits, plainCredits } from './money';
import { useLowBalanceThreshold } from './useLowBalanceThreshold';

export const THRESHOLD_ANCHOR = 'low-balance-threshold';

/** The low-balance alert threshold, checked in the browser with the API's own amount rules. */
export function ThresholdForm({ current }: { current: string }) {
  const { save, saving } = useLowBalanceThreshold();
  const { hash } = useLocation();
  // A team's threshold is its owners' and admins' to set: a member sees it, disabled.
  const lock = useManagerOnly();
  // null until edited: the field follows the saved threshold, also when it changes elsewhere.
  const [draft, setDraft] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [saved, setSaved] = useState(false);
  const value = draft ?? plainCredits(current);

  // The low-balance banner links here.
  useEffect(() => {
    if (hash === `#${THRESHOLD_ANCHOR}`) document.getElementById(THRESHOLD_ANCHOR)?.scrollIntoView({ block: 'center' });
  }, [hash]);

  const clientError = submitted ? amountProblem(value, { allowZero: true }) : undefined;
  const serverError = problem && problemField(problem, ['threshold'] as const) ? describeProblem(problem) : undefined;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setSaved(false);
    if (saving || amountProblem(value, { allowZero: true })) return;
    setProblem(null);
    try {
      await save(value);
      setDraft(null);
      setSubmitted(false);
      setSaved(true);
    } catch (error) {
      setProblem(problemFromError(error));
    }
  };

  return (
    <form id={THRESHOLD_ANCHOR} className="threshold-form" onSubmit={onSubmit} noValidate data-testid="threshold-form">
      {problem && !serverError && <Alert>{describeProblem(problem)}</Alert>}
      <ManagerOnlyControls locked={lock.locked}>
        <div className="threshold-row">
          <TextField
            name="threshold"
            label="Low-balance alert below"
            inputMode="decimal"
            autoComplete="off"
            value={value}
            onChange={(next) => {
              setDraft(next);
              setProblem(null);
              setSaved(false);
            }}
            error={clientError ?? serverError}
            hint={
              lock.locked
                ? 'Only an owner or admin of the team can change it.'
                : saved
                  ? `Saved: you will be warned below ${displayCredits(current)} credits.`
                  : 'Credits. 0 turns the warning off.'
            }
          />
          <button type="submit" className="button button-secondary" disabled={saving} data-testid="save-threshold">
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </ManagerOnlyControls>
    </form>
  );
}
