import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { describeProblem } from '../../apollo/describe-problem';
import { graphql } from '../../gql';
import { FormThenConfirmDialog } from '../../ui/FormThenConfirmDialog';
import { useFormThenConfirm } from '../../ui/useFormThenConfirm';

const TierChoicesDocument = graphql(`
  query AdminTierChoices {
    tiers {
      code
      name
      monthlyPriceUsd
    }
  }
`);

interface Props {
  email: string;
  current: string;
  setTier: (tier: string) => Promise<void>;
  onClose: () => void;
  onDone: (message: string) => void;
}

/**
 * Moves a user to another tier, picked from the tiers that exist. No payment is involved: the
 * user's subscription (if any) is Stripe's business; this sets what the gateway allows them.
 */
export function TierDialog({ email, current, setTier, onClose, onDone }: Props) {
  const { data, error } = useQuery(TierChoicesDocument);
  const [tier, setChoice] = useState('');
  const choices = (data?.tiers ?? []).filter((choice) => choice.code !== current);
  const chosen = choices.find((choice) => choice.code === tier);
  const flow = useFormThenConfirm({
    hasProblems: () => !chosen,
    send: async () => {
      await setTier(tier);
      onDone(`${email} is now on the ${chosen?.name ?? tier} tier.`);
    },
    isFieldProblem: () => false,
  });
  const problem = flow.problem ? describeProblem(flow.problem, { NOT_FOUND: 'That tier or user no longer exists.' }) : undefined;

  return (
    <FormThenConfirmDialog
      flow={flow}
      title="Change tier"
      testIdPrefix="tier"
      onClose={onClose}
      subject={
        <>
          <strong>{email}</strong> is on <strong>{current}</strong>
        </>
      }
      fields={
        <div className={`field${flow.submitted && !chosen ? ' field-invalid' : ''}`}>
          <label htmlFor="tier-choice">New tier</label>
          <select id="tier-choice" value={tier} onChange={(event) => setChoice(event.target.value)} data-testid="tier-select">
            <option value="">{data ? 'Choose a tier' : error ? 'Tiers could not be loaded' : 'Loading tiers…'}</option>
            {choices.map((choice) => (
              <option key={choice.code} value={choice.code}>
                {choice.name} ({choice.code}, ${choice.monthlyPriceUsd}/month)
              </option>
            ))}
          </select>
          {flow.submitted && !chosen && <p className="field-error">Choose the tier to move them to</p>}
        </div>
      }
      confirmation={() => (
        <p className="confirm-question" data-testid="tier-question">
          Move {email} from {current} to {chosen?.name} ({tier})?
        </p>
      )}
      problemMessage={problem}
      confirmLabel="Change tier"
    />
  );
}
