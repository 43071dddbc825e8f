import { useState, type FormEvent } from 'react';
import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError, type ApiProblem } from '../../apollo/problem';
import type { TierInput } from '../../gql/graphql';
import type { ComparisonTier } from '../../tiers/tier-rows';
import { Alert } from '../../ui/Alert';
import { TierAccessFields } from './TierAccessFields';
import { TierChangesDialog } from './TierChangesDialog';
import { tierChanges, tierFieldOf, tierFormProblems, tierFormValues, toTierInput, type TierFormValues } from './tier-form';
import { TierLimitFields } from './TierLimitFields';

interface Props {
  tier: ComparisonTier;
  knownModels: ReadonlySet<string>;
  saving: boolean;
  onSave: (code: string, input: TierInput) => Promise<void>;
  onSaved: (message: string) => void;
}

/** One tier's form: edit, review the changes, confirm. Mounted per tier (keyed), so it starts from the tier as saved. */
export function TierEditor({ tier, knownModels, saving, onSave, onSaved }: Props) {
  const [values, setValues] = useState<TierFormValues>(() => tierFormValues(tier));
  const [submitted, setSubmitted] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const errors = submitted ? tierFormProblems(values, knownModels) : {};
  const valid = Object.keys(tierFormProblems(values, knownModels)).length === 0;
  const changes = valid ? tierChanges(tier, values) : [];
  const serverField = problem ? tierFieldOf(problem) : undefined;
  const serverMessage = problem ? describeProblem(problem, { NOT_FOUND: 'This tier no longer exists.' }) : undefined;
  const shownErrors = serverField ? { ...errors, [serverField]: errors[serverField] ?? serverMessage } : errors;

  const review = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (!valid || changes.length === 0) return;
    setProblem(null);
    setConfirming(true);
  };
  const reset = () => {
    setValues(tierFormValues(tier));
    setSubmitted(false);
    setProblem(null);
  };
  const confirm = async () => {
    try {
      await onSave(tier.code, toTierInput(tier, values));
      onSaved(`Saved ${values.name.trim()}: ${changes.map((c) => `${c.label.toLowerCase()} ${c.to}`).join('; ')}.`);
    } catch (error) {
      const next = problemFromError(error);
      setProblem(next);
      if (tierFieldOf(next)) setConfirming(false);
    }
  };

  // The confirmation is a sibling of the form, never inside it: a <form> in a <form> submits the outer one natively.
  return (
    <>
      <form className="card tier-editor" onSubmit={review} noValidate data-testid="tier-editor" data-tier={tier.code}>
        {problem && !serverField && !confirming && <Alert>{serverMessage}</Alert>}
        <TierLimitFields values={values} errors={shownErrors} onChange={(next) => setValues((v) => ({ ...v, ...next }))} />
        <TierAccessFields values={values} errors={shownErrors} onChange={(next) => setValues((v) => ({ ...v, ...next }))} />
        {submitted && valid && changes.length === 0 && <p className="muted">Nothing to save: the form matches the tier as it is.</p>}
        <div className="tier-editor-actions">
          <button type="button" className="button button-secondary" onClick={reset} data-testid="tier-reset">
            Reset
          </button>
          <button type="submit" className="button button-primary" data-testid="tier-review">
            Review changes
          </button>
        </div>
      </form>
      {confirming && (
        <TierChangesDialog
          tierName={tier.name}
          changes={changes}
          pending={saving}
          error={problem && !serverField ? serverMessage : undefined}
          onConfirm={() => void confirm()}
          onBack={() => setConfirming(false)}
        />
      )}
    </>
  );
}
