import type { ReactNode } from 'react';

interface Props {
  label: string;
  /** What the figure shows, formatted for people. */
  children: ReactNode;
  /** The exact value (hover), e.g. "12.345678 credits". */
  exact?: string;
  testId?: string;
  /** The exact value again, for tests and scripts: `data-value`. */
  value?: string | null;
}

/** One labelled figure of a card (a <div> of a <dl>). */
export function Figure({ label, children, exact, testId, value }: Props) {
  return (
    <div className="user-figure" data-testid={testId} data-value={value ?? undefined}>
      <dt>{label}</dt>
      <dd title={exact}>{children}</dd>
    </div>
  );
}
