import type { ReactNode } from 'react';

interface Props {
  tone?: 'error' | 'warning' | 'info';
  children: ReactNode;
  testId?: string;
}

export function Alert({ tone = 'error', children, testId }: Props) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}
