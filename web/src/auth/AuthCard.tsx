import type { ReactNode } from 'react';
import { ThemeToggle } from '../theme/ThemeToggle';
import './auth.css';

interface Props {
  title: string;
  subtitle: string;
  children: ReactNode;
  footer: ReactNode;
}

/** The frame around sign-in and sign-up: brand, title, the form, and the link to the other one. */
export function AuthCard({ title, subtitle, children, footer }: Props) {
  return (
    <div className="auth-page">
      <div className="auth-theme">
        <ThemeToggle />
      </div>
      <main className="auth-card card">
        <p className="brand auth-brand">
          <span className="brand-mark" aria-hidden="true" />
          Tollgate
        </p>
        <h1>{title}</h1>
        <p className="muted">{subtitle}</p>
        {children}
        <p className="auth-footer">{footer}</p>
      </main>
    </div>
  );
}
