import { useState } from 'react';
import { describeProblem } from '../../apollo/describe-problem';
import { FormThenConfirmDialog } from '../../ui/FormThenConfirmDialog';
import { TextField } from '../../ui/TextField';
import { useFormThenConfirm } from '../../ui/useFormThenConfirm';
import { REASON_MAX_LENGTH } from '../credit-action';

interface Props {
  email: string;
  /** A team's account: no sessions of its own; its members can no longer act for it. */
  team?: boolean;
  suspend: (reason: string) => Promise<void>;
  onClose: () => void;
  onDone: (message: string) => void;
}

function reasonProblem(reason: string): string | undefined {
  const trimmed = reason.trim();
  if (trimmed === '') return 'Give a reason: it is kept in the audit log';
  if (trimmed.length > REASON_MAX_LENGTH) return `Keep the reason under ${REASON_MAX_LENGTH} characters`;
  return undefined;
}

/** Suspends a user (their sessions and API keys) or a team (its members acting for it, its keys) from the next request. */
export function SuspendDialog({ email, team = false, suspend, onClose, onDone }: Props) {
  const [reason, setReason] = useState('');
  const flow = useFormThenConfirm({
    hasProblems: () => reasonProblem(reason) !== undefined,
    send: async () => {
      await suspend(reason.trim());
      onDone(`${email} is suspended.`);
    },
    isFieldProblem: (problem) => problem.code === 'BAD_USER_INPUT',
  });
  const serverMessage = flow.problem ? describeProblem(flow.problem) : undefined;
  const onField = flow.problem?.code === 'BAD_USER_INPUT';
  const error = (flow.submitted ? reasonProblem(reason) : undefined) ?? (onField ? serverMessage : undefined);

  return (
    <FormThenConfirmDialog
      flow={flow}
      title={team ? 'Suspend team' : 'Suspend user'}
      testIdPrefix="suspend"
      onClose={onClose}
      subject={<strong>{email}</strong>}
      fields={
        <TextField
          name="reason"
          label="Reason"
          autoComplete="off"
          maxLength={REASON_MAX_LENGTH}
          value={reason}
          onChange={(next) => {
            setReason(next);
            flow.clearProblem();
          }}
          error={error}
          hint="Kept in the audit log with the suspension."
        />
      }
      confirmation={() => (
        <>
          <p className="confirm-question" data-testid="suspend-question">
            {team
              ? `Suspend ${email}? Its members can no longer act for it and its API keys stop working at once; its credit is kept.`
              : `Suspend ${email}? Their sessions and API keys stop working at once; their credit is kept.`}
          </p>
          <p className="muted">Reason: “{reason.trim()}”</p>
        </>
      )}
      problemMessage={serverMessage}
      problemOnField={onField}
      confirmLabel="Suspend"
      danger
    />
  );
}
