import { useState, type FormEvent } from 'react';
import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError } from '../../apollo/problem';
import { Alert } from '../../ui/Alert';
import { CouponFields } from './CouponFields';
import { couponProblems, EMPTY_COUPON, toCouponRequest, type CouponFormValues, type CouponRequest } from './coupon-form';

interface Props {
  pending: boolean;
  onCreate: (request: CouponRequest) => Promise<unknown>;
}

/** A new coupon: what it gives, its limits and window. Coupons are not edited afterwards, only deactivated. */
export function CouponEditor({ pending, onCreate }: Props) {
  const [values, setValues] = useState<CouponFormValues>(EMPTY_COUPON);
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const errors = submitted ? couponProblems(values) : {};

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setCreated(null);
    if (pending || Object.keys(couponProblems(values)).length > 0) return;
    setProblem(null);
    try {
      const request = toCouponRequest(values);
      await onCreate(request);
      setCreated(`Created ${request.code}.`);
      setValues(EMPTY_COUPON);
      setSubmitted(false);
    } catch (failure) {
      setProblem(describeProblem(problemFromError(failure)));
    }
  };

  return (
    <form className="card promotions-card" onSubmit={(event) => void onSubmit(event)} noValidate data-testid="coupon-editor">
      <CouponFields
        prefix="coupon"
        values={values}
        errors={errors}
        onChange={(next) => {
          setValues((v) => ({ ...v, ...next }));
          setCreated(null);
        }}
      />
      {problem && <Alert testId="coupon-editor-problem">{problem}</Alert>}
      {created && (
        <Alert tone="info" testId="coupon-created">
          {created}
        </Alert>
      )}
      <div className="promotions-actions">
        <button type="submit" className="button button-primary" disabled={pending} data-testid="create-coupon">
          {pending ? 'Creating…' : 'Create coupon'}
        </button>
      </div>
    </form>
  );
}
