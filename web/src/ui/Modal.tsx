import { useEffect, useId, useRef, type ReactNode } from 'react';
import './dialog.css';

interface Props {
  title: string;
  children: ReactNode;
  /** Escape and the parent's Cancel buttons; ignored by the caller while a request is in flight. */
  onClose: () => void;
  testId?: string;
}

/**
 * A modal <dialog> that is open for as long as it is mounted: mount it to open it, so whatever
 * state the content keeps (a form, an idempotency key) starts afresh with every opening.
 */
export function Modal({ title, children, onClose, testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      data-testid={testId}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
