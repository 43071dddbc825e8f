import { useState, type FormEvent } from 'react';
import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError } from '../../apollo/problem';
import { downloadFile } from '../../transactions/download';
import { Alert } from '../../ui/Alert';
import { TextField } from '../../ui/TextField';
import { campaignCsv, campaignFileName, campaignProblems } from './campaign-csv';
import { CouponFields } from './CouponFields';
import { couponProblems, EMPTY_COUPON, toCouponRequest, type CouponFormValues } from './coupon-form';
import { useCouponCampaign } from './useCouponCampaign';

/** Many unique single-use codes with one template, downloaded as CSV at once (the codes are shown only here). */
export function CampaignGenerator() {
  const { generate, pending } = useCouponCampaign();
  const [name, setName] = useState('');
  const [count, setCount] = useState('100');
  // The template's own code is made per coupon: a placeholder keeps the shared validation happy.
  const [values, setValues] = useState<CouponFormValues>({ ...EMPTY_COUPON, code: 'CAMPAIGN' });
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<{ count: number; fileName: string; csv: string } | null>(null);
  const errors = submitted ? couponProblems(values) : {};
  const campaignErrors = submitted ? campaignProblems(name, count) : {};

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (pending || Object.keys(couponProblems(values)).length > 0 || Object.keys(campaignProblems(name, count)).length > 0) return;
    setProblem(null);
    try {
      const campaign = await generate(name.trim(), Number(count.trim()), toCouponRequest(values));
      if (!campaign) return;
      const file = { count: campaign.count, fileName: campaignFileName(campaign.campaign, new Date()), csv: campaignCsv(campaign) };
      setDone(file);
      downloadFile(file.fileName, file.csv, 'text/csv;charset=utf-8');
    } catch (failure) {
      setProblem(describeProblem(problemFromError(failure)));
    }
  };

  return (
    <form className="card promotions-card" onSubmit={(event) => void onSubmit(event)} noValidate data-testid="campaign-generator">
      <TextField
        name="campaign-name"
        label="Campaign"
        value={name}
        onChange={setName}
        error={campaignErrors.name}
        hint="Names the codes' batch and the CSV file."
      />
      <TextField
        name="campaign-count"
        label="Number of codes"
        inputMode="numeric"
        value={count}
        onChange={setCount}
        error={campaignErrors.count}
        hint="Each code can be redeemed once."
      />
      <CouponFields prefix="campaign" withCode={false} values={values} errors={errors} onChange={(next) => setValues((v) => ({ ...v, ...next }))} />
      {problem && <Alert testId="campaign-problem">{problem}</Alert>}
      {done && (
        <Alert tone="info" testId="campaign-done">
          Generated {done.count} codes.{' '}
          <button
            type="button"
            className="button button-ghost"
            onClick={() => downloadFile(done.fileName, done.csv, 'text/csv;charset=utf-8')}
            data-testid="campaign-download"
          >
            Download {done.fileName} again
          </button>
        </Alert>
      )}
      <div className="promotions-actions">
        <button type="submit" className="button button-primary" disabled={pending} data-testid="generate-campaign">
          {pending ? 'Generating…' : 'Generate codes'}
        </button>
      </div>
    </form>
  );
}
