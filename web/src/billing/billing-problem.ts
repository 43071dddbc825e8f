import { describeProblem, type ProblemWording } from '../apollo/describe-problem';
import type { ApiProblem } from '../apollo/problem';

/** The billing screens' own wording for the codes a checkout can answer. */
export const BILLING_WORDING: ProblemWording = {
  PAYMENTS_UNAVAILABLE:
    'Payments are not available on this Tollgate: it has no Stripe account configured and test mode is off. Nothing was charged. Ask its operator.',
  NOT_FOUND: 'That package or tier is not on offer any more. Refresh the page and try again.',
};

export function describeBillingProblem(problem: ApiProblem): string {
  return describeProblem(problem, BILLING_WORDING);
}

/** PAYMENTS_UNAVAILABLE is not a passing error but how this server is set up: the page says so for good. */
export function paymentsUnavailable(problem: ApiProblem | null | undefined): boolean {
  return problem?.code === 'PAYMENTS_UNAVAILABLE';
}
