import { useRef, useState, type FormEvent } from 'react';
import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError, type ApiProblem } from '../../apollo/problem';
import { Alert } from '../../ui/Alert';
import { Modal } from '../../ui/Modal';
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
  const [step, setStep] = useState<'form' | 'confirm'>('form');
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [now] = useState(() => new Date());
  const { setPrice, pending } = useSetModelPrice();
  const sending = useRef(false);

  const clientErrors = submitted ? priceFormProblems(values, model, new Date()) : {};
  const serverField = problem ? priceFieldOf(problem) : undefined;
  const showField = serverField === 'effectiveAt' && values.timing === 'now' ? undefined : serverField;
  const serverMessage = problem ? describeProblem(problem, { NOT_FOUND: `${model.displayName} is no longer in the catalog.` }) : undefined;
  const errors = showField ? { ...clientErrors, [showField]: clientErrors[showField] ?? serverMessage } : clientErrors;

  const close = () => {
    if (!sending.current) onClose();
  };
  const review = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(priceFormProblems(values, model, new Date())).length > 0) return;
    setProblem(null);
    setStep('confirm');
  };
  const confirm = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending.current) return;
    sending.current = true;
    setProblem(null);
    try {
      await setPrice(toPriceInput(model.id, values));
      onDone(`New price for ${model.displayName} takes effect ${effectiveWhen(values)}.`);
    } catch (error) {
      const next = problemFromError(error);
      setProblem(next);
      if (priceFieldOf(next)) setStep('form');
    } finally {
      sending.current = false;
    }
  };

  return (
    <Modal title="Edit price" onClose={close} testId="edit-price-dialog">
      {step === 'form' ? (
        <form onSubmit={review} noValidate data-testid="edit-price-form">
          <div className="dialog-body">
            <p className="dialog-subject">
              <strong>{model.displayName}</strong> <code>{model.id}</code>
            </p>
            {problem && !showField && <Alert testId="edit-price-error">{serverMessage}</Alert>}
            <PriceFields
              values={values}
              errors={errors}
              minEffectiveAt={toLocalDateTime(now)}
              onChange={(next) => {
                setValues((current) => ({ ...current, ...next }));
                setProblem(null);
              }}
            />
          </div>
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={close} data-testid="edit-price-cancel">
              Cancel
            </button>
            <button type="submit" className="button button-primary" data-testid="edit-price-review">
              Review
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={(event) => void confirm(event)} data-testid="edit-price-confirm-step">
          <div className="dialog-body">
            {problem && <Alert testId="edit-price-error">{serverMessage}</Alert>}
            <p className="confirm-question">
              New price for {model.displayName}, per 1M tokens, taking effect {effectiveWhen(values)}:
            </p>
            <PriceChangeList current={model} values={values} />
            <p className="muted">Requests already charged keep the price they were charged at.</p>
          </div>
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={() => setStep('form')} disabled={pending} autoFocus data-testid="edit-price-back">
              Back
            </button>
            <button type="submit" className="button button-primary" disabled={pending} data-testid="edit-price-confirm">
              {pending ? 'Saving…' : problem ? 'Try again' : 'Save new price'}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
