import { useState, type FormEvent } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError, type ApiProblem } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import { localDay } from '../ui/local-date';
import { Modal } from '../ui/Modal';
import type { ApiKeyRowData } from './ApiKeyRow';
import { keyLimitsProblems, keyLimitsValues, toKeyLimitsInput, type KeyLimitsValues } from './key-limits';
import { KeyLimitsFields } from './KeyLimitsFields';
import { useAllowedModels } from './useAllowedModels';
import type { KeyLimitsUpdate } from './useApiKeys';

interface Props {
  apiKey: ApiKeyRowData;
  pending: boolean;
  onSave: (input: KeyLimitsUpdate) => Promise<void>;
  onClose: () => void;
}

/**
 * Changes a key's three limits at once (setApiKeyLimits replaces them all: an emptied field
 * clears that limit). Mounted per opening, so the form starts from the key's current limits.
 */
export function EditKeyLimitsDialog({ apiKey, pending, onSave, onClose }: Props) {
  const models = useAllowedModels();
  const [limits, setLimits] = useState<KeyLimitsValues>(() => keyLimitsValues(apiKey));
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const today = localDay(new Date());
  const errors = submitted ? keyLimitsProblems(limits, today) : {};

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (pending || Object.keys(keyLimitsProblems(limits, today)).length > 0) return;
    try {
      await onSave({ id: apiKey.id, ...toKeyLimitsInput(limits) });
      onClose();
    } catch (error) {
      setProblem(problemFromError(error));
    }
  };

  return (
    <Modal title={`Limits of “${apiKey.name}”`} onClose={() => !pending && onClose()} testId="edit-key-limits-dialog">
      <form className="stack" onSubmit={onSubmit} noValidate aria-label="Edit key limits">
        {problem && <Alert testId="edit-key-limits-error">{describeProblem(problem)}</Alert>}
        <KeyLimitsFields
          value={limits}
          onChange={(next) => {
            setLimits((current) => ({ ...current, ...next }));
            setProblem(null);
          }}
          errors={errors}
          models={models}
          today={today}
        />
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose} disabled={pending}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={pending} data-testid="save-key-limits">
            {pending ? 'Saving…' : 'Save limits'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
