import { useState } from 'react';
import { describeProblem } from '../../apollo/describe-problem';
import { FormThenConfirmDialog } from '../../ui/FormThenConfirmDialog';
import { useFormThenConfirm } from '../../ui/useFormThenConfirm';
import { PriceChangeList } from './PriceChangeList';
import { PriceFields } from './PriceFields';
import {
  effectiveWhen,
  priceFieldOf,
  priceFormProblems,
  priceFormValues,
  toLocalDateTime,
  toPriceInput,
  type CurrentPrice,
  type PriceFormValues,
} from './price-form';
import { useSetModelPrice } from './useSetModelPrice';

export interface PricedModel extends CurrentPrice {
  id: string;
  displayName: string;
}

interface Props {
  model: PricedModel;
  onClose: () => void;
  onDone: (message: string) => void;
}

/** Form, then confirmation of exactly what changes and when, then the new price version. */
export function EditPriceDialog({ model, onClose, onDone }: Props) {
  const [values, setValues] = useState<PriceFormValues>(() => priceFormValues(model));
  const [now] = useState(() => new Date());
  const { setPrice } = useSetModelPrice();
  const flow = useFormThenConfirm({
    hasProblems: () => Object.keys(priceFormProblems(values, model, new Date())).length > 0,
    send: async () => {
      await setPrice(toPriceInput(model.id, values));
      onDone(`New price for ${model.displayName} takes effect ${effectiveWhen(values)}.`);
    },
    isFieldProblem: (problem) => priceFieldOf(problem) !== undefined,
  });

  const { problem } = flow;
  const clientErrors = flow.submitted ? priceFormProblems(values, model, new Date()) : {};
  const serverField = problem ? priceFieldOf(problem) : undefined;
  // "Now" has no effective-date input to show a problem beside.
  const showField = serverField === 'effectiveAt' && values.timing === 'now' ? undefined : serverField;
  const serverMessage = problem ? describeProblem(problem, { NOT_FOUND: `${model.displayName} is no longer in the catalog.` }) : undefined;
  const errors = showField ? { ...clientErrors, [showField]: clientErrors[showField] ?? serverMessage } : clientErrors;

  return (
    <FormThenConfirmDialog
      flow={flow}
      title="Edit price"
      testIdPrefix="edit-price"
      onClose={onClose}
      subject={
        <>
          <strong>{model.displayName}</strong> <code>{model.id}</code>
        </>
      }
      fields={
        <PriceFields
          values={values}
          errors={errors}
          minEffectiveAt={toLocalDateTime(now)}
          onChange={(next) => {
            setValues((current) => ({ ...current, ...next }));
            flow.clearProblem();
          }}
        />
      }
      confirmation={() => (
        <>
          <p className="confirm-question">
            New price for {model.displayName}, per 1M tokens, taking effect {effectiveWhen(values)}:
          </p>
          <PriceChangeList current={model} values={values} />
          <p className="muted">Requests already charged keep the price they were charged at.</p>
        </>
      )}
      problemMessage={serverMessage}
      problemOnField={showField !== undefined}
      confirmLabel="Save new price"
      pendingLabel="Saving…"
    />
  );
}
