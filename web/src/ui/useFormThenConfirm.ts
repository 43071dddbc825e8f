import { useRef, useState, type FormEvent } from 'react';
import { problemFromError, type ApiProblem } from '../apollo/problem';

interface Options {
  /** Whether the form's values have problems the browser can see: reviewing waits until they are fixed. */
  hasProblems: () => boolean;
  /** The mutation, with the reviewed values. */
  send: () => Promise<void>;
  /** A problem about one of the inputs sends the user back to the form, to be shown beside that input. */
  isFieldProblem: (problem: ApiProblem) => boolean;
}

export type FormThenConfirm = ReturnType<typeof useFormThenConfirm>;

/**
 * The steps of a dialog that changes something that matters (moving credit, a new price): fill in
 * the form, review exactly what will happen, confirm. A second click while the first is on its way
 * sends nothing, and the dialog cannot be closed while a request is in flight.
 */
export function useFormThenConfirm({ hasProblems, send, isFieldProblem }: Options) {
  const [step, setStep] = useState<'form' | 'confirm'>('form');
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [pending, setPending] = useState(false);
  // State updates land after the click handler: this stops a second click in the same instant.
  const sending = useRef(false);

  const review = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (hasProblems()) return;
    setProblem(null);
    setStep('confirm');
  };

  const confirm = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending.current) return;
    sending.current = true;
    setPending(true);
    setProblem(null);
    try {
      await send();
    } catch (error) {
      const next = problemFromError(error);
      setProblem(next);
      if (isFieldProblem(next)) setStep('form');
    } finally {
      sending.current = false;
      setPending(false);
    }
  };

  return {
    step,
    /** The form was submitted once: show the browser's own checks from now on. */
    submitted,
    /** The server's last refusal, until the values change or the user confirms again. */
    problem,
    pending,
    review,
    confirm,
    back: () => setStep('form'),
    clearProblem: () => setProblem(null),
    /** Calls `onClose` unless a request is in flight. */
    closeWith: (onClose: () => void) => () => {
      if (!sending.current) onClose();
    },
  };
}
