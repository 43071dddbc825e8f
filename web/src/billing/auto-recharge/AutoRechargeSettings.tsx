import { useId, useState, type FormEvent } from 'react';
import { problemField, problemFromError, type ApiProblem } from '../../apollo/problem';
import { displayCredits } from '../../credits/money';
import { Alert } from '../../ui/Alert';
import { TextField } from '../../ui/TextField';
import { formatDateTime } from '../../ui/format-date';
import { describeBillingProblem } from '../billing-problem';
import { draftFrom, draftProblems, toInput, type AutoRechargeDraft } from './auto-recharge-input';
import { useAutoRecharge } from './useAutoRecharge';
import './auto-recharge.css';

/**
 * Auto-recharge settings: when the available credit falls below the threshold, the saved card is
 * charged once for the chosen package, never past the monthly limit. A failed charge turns it off;
 * the reason is shown here until it is turned on again.
 */
export function AutoRechargeSettings() {
  const { settings, packages, error, loading, save, saving } = useAutoRecharge();
  const ids = { package: useId(), enabled: useId() };
  // null until edited: the form follows the saved settings, also when they change elsewhere.
  const [edited, setEdited] = useState<AutoRechargeDraft | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [saved, setSaved] = useState(false);

  if (loading)
    return (
      <section className="billing-section auto-recharge">
        <h2>Auto-recharge</h2>
        <p className="muted">Loading…</p>
      </section>
    );
  const choices = packages ?? [];
  const draft = edited ?? draftFrom(settings, choices);
  const problems = submitted ? draftProblems(draft, choices) : {};
  const field = problem ? problemField(problem, ['belowCredits', 'packageCode', 'monthlyLimitUsd'] as const) : undefined;
  const serverError = (name: string) => (field === name && problem ? describeBillingProblem(problem) : undefined);
  const change = (next: Partial<AutoRechargeDraft>) => {
    setEdited({ ...draft, ...next });
    setProblem(null);
    setSaved(false);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setSaved(false);
    if (saving || Object.keys(draftProblems(draft, choices)).length > 0) return;
    setProblem(null);
    try {
      await save(toInput(draft));
      setEdited(null);
      setSubmitted(false);
      setSaved(true);
    } catch (err) {
      setProblem(problemFromError(err));
    }
  };

  return (
    <section className="billing-section auto-recharge" aria-labelledby="auto-recharge-title" data-testid="auto-recharge">
      <h2 id="auto-recharge-title">Auto-recharge</h2>
      <p className="muted">
        Tops up your credit with a package when it runs low: one charge each time it falls below the threshold, never past your monthly limit.
      </p>
      {error && !packages && <Alert>{describeBillingProblem(problemFromError(error))}</Alert>}
      {settings?.lastError && (
        <Alert testId="auto-recharge-last-error">
          The last charge failed, so auto-recharge was turned off: {settings.lastError}. Turn it on again to retry.
        </Alert>
      )}
      {settings?.disabledReason && !settings.lastError && (
        <Alert tone="warning" testId="auto-recharge-reason">
          Not charging now: {settings.disabledReason}.
        </Alert>
      )}
      <form className="auto-recharge-form" onSubmit={onSubmit} noValidate data-testid="auto-recharge-form">
        {problem && !field && <Alert>{describeBillingProblem(problem)}</Alert>}
        <label className="auto-recharge-toggle" htmlFor={ids.enabled}>
          <input
            id={ids.enabled}
            type="checkbox"
            role="switch"
            checked={draft.enabled}
            onChange={(e) => change({ enabled: e.target.checked })}
            data-testid="auto-recharge-enabled"
          />
          Recharge automatically
        </label>
        <TextField
          name="belowCredits"
          label="When available credit falls below"
          inputMode="decimal"
          autoComplete="off"
          value={draft.belowCredits}
          onChange={(belowCredits) => change({ belowCredits })}
          error={problems.belowCredits ?? serverError('belowCredits')}
          hint="Credits, at most 1,000,000."
        />
        <div className={`field${problems.packageCode ? ' field-invalid' : ''}`}>
          <label htmlFor={ids.package}>Buy this package</label>
          <select
            id={ids.package}
            className="input"
            value={draft.packageCode}
            onChange={(e) => change({ packageCode: e.target.value })}
            data-testid="auto-recharge-package"
          >
            {!choices.some((p) => p.code === draft.packageCode) && <option value={draft.packageCode}>{draft.packageCode || 'Choose…'}</option>}
            {choices.map((p) => (
              <option key={p.code} value={p.code}>{`${p.name}: ${displayCredits(p.totalCredits)} credits for $${p.priceUsd}`}</option>
            ))}
          </select>
          {(problems.packageCode ?? serverError('packageCode')) && <p className="field-error">{problems.packageCode ?? serverError('packageCode')}</p>}
        </div>
        <TextField
          name="monthlyLimitUsd"
          label="Monthly limit (USD)"
          inputMode="decimal"
          autoComplete="off"
          value={draft.monthlyLimitUsd}
          onChange={(monthlyLimitUsd) => change({ monthlyLimitUsd })}
          error={problems.monthlyLimitUsd ?? serverError('monthlyLimitUsd')}
          hint="The most auto-recharge charges in a calendar month (UTC), at most $100,000."
        />
        <button type="submit" className="button button-secondary" disabled={saving} data-testid="auto-recharge-save">
          {saving ? 'Saving…' : 'Save'}
        </button>
        {saved && (
          <p className="muted" role="status">
            Saved.
          </p>
        )}
      </form>
      {settings && (
        <dl className="auto-recharge-status" data-testid="auto-recharge-status">
          <dt>This month</dt>
          <dd>
            ${settings.spentThisMonthUsd} of ${settings.monthlyLimitUsd}
          </dd>
          <dt>Last charge</dt>
          <dd>{settings.lastChargeAt ? formatDateTime(settings.lastChargeAt) : 'none yet'}</dd>
          {settings.enabled && !settings.armed && (
            <>
              <dt>Waiting</dt>
              <dd>Charged for this drop; ready again once your credit is back above the threshold.</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
