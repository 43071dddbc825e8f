import { PASSWORD_MIN_LENGTH } from '@tollgate/shared';
import type { ReactNode } from 'react';
import { Alert } from '../ui/Alert';
import { TextField } from '../ui/TextField';
import type { CredentialsForm as Form } from './useCredentialsForm';

interface Props {
  form: Form;
  mode: 'sign-in' | 'sign-up';
  submitLabel: string;
  pendingLabel: string;
  /** More fields after the password (sign-up's coupon code). */
  children?: ReactNode;
}

export function CredentialsForm({ form, mode, submitLabel, pendingLabel, children }: Props) {
  const { values, errors, formError, pending, setValue, touch, onSubmit } = form;
  return (
    <form className="stack" onSubmit={onSubmit} noValidate data-testid={`${mode}-form`}>
      {formError && <Alert testId="form-error">{formError}</Alert>}
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        value={values.email}
        onChange={(value) => setValue('email', value)}
        onBlur={() => touch('email')}
        error={errors.email}
        autoFocus
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
        value={values.password}
        onChange={(value) => setValue('password', value)}
        onBlur={() => touch('password')}
        error={errors.password}
        hint={mode === 'sign-up' ? `At least ${PASSWORD_MIN_LENGTH} characters, mixing letters with digits or symbols.` : undefined}
      />
      {children}
      <button type="submit" className="button button-primary button-block" disabled={pending} data-testid="submit">
        {pending ? pendingLabel : submitLabel}
      </button>
    </form>
  );
}
