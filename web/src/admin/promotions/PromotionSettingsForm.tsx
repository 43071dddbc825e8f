import { useState, type FormEvent } from 'react';
import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError, type ApiProblem } from '../../apollo/problem';
import { Alert } from '../../ui/Alert';
import { TextField } from '../../ui/TextField';
import { settingsInput, settingsProblems, settingsValues, type PromotionSettingsShape, type PromotionSettingsValues } from './promotion-settings-form';
import { usePromotionSettings } from './usePromotionSettings';

/** Admin: gifts of paid credit only, the referral bonuses, the same-domain rule. */
export function PromotionSettingsForm() {
  const { settings, error, save, saving } = usePromotionSettings();
  if (error && !settings) return <Alert>{describeProblem(problemFromError(error))}</Alert>;
  if (!settings) return <p className="muted">Loading the promotion settings…</p>;
  // Keyed by the saved version: after a save (or another admin's), the form starts from what is stored.
  return <SettingsForm key={settings.updatedAt} saved={settings} save={save} saving={saving} />;
}

function SettingsForm({ saved, save, saving }: { saved: PromotionSettingsShape; save: ReturnType<typeof usePromotionSettings>['save']; saving: boolean }) {
  const [values, setValues] = useState<PromotionSettingsValues>(() => settingsValues(saved));
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const errors = submitted ? settingsProblems(values) : {};
  const change = (next: Partial<PromotionSettingsValues>) => {
    setValues({ ...values, ...next });
    setProblem(null);
  };
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (saving || Object.keys(settingsProblems(values)).length > 0) return;
    try {
      await save(settingsInput(saved, values));
    } catch (err) {
      setProblem(problemFromError(err));
    }
  };
  return (
    <form className="promotion-settings" onSubmit={onSubmit} noValidate data-testid="promotion-settings">
      <h2>Promotion settings</h2>
      {problem && <Alert>{describeProblem(problem)}</Alert>}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={values.giftPaidCreditsOnly}
          onChange={(e) => change({ giftPaidCreditsOnly: e.target.checked })}
          data-testid="gift-paid-only"
        />
        Gifts only from paid credit (sign-up bonuses, coupons and referral bonuses cannot be passed on)
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={values.referralBlockSameDomain}
          onChange={(e) => change({ referralBlockSameDomain: e.target.checked })}
          data-testid="referral-block-domain"
        />
        Refuse referrals between addresses of one company domain (public mail domains never count)
      </label>
      <TextField
        name="referrer-bonus"
        label="Referrer's bonus (credits)"
        inputMode="decimal"
        autoComplete="off"
        value={values.referrerBonusCredits}
        onChange={(referrerBonusCredits) => change({ referrerBonusCredits })}
        error={errors.referrerBonusCredits}
        hint="After the referred user's first payment. 0: none."
      />
      <TextField
        name="referred-bonus"
        label="New user's bonus (credits)"
        inputMode="decimal"
        autoComplete="off"
        value={values.referredBonusCredits}
        onChange={(referredBonusCredits) => change({ referredBonusCredits })}
        error={errors.referredBonusCredits}
        hint="Paid to the new user at the same moment."
      />
      <button type="submit" className="button button-secondary" disabled={saving} data-testid="save-promotion-settings">
        {saving ? 'Saving…' : 'Save settings'}
      </button>
    </form>
  );
}
