import { Link } from 'react-router';
import type { EstimateProblem } from './client-estimate';

const TITLES: Partial<Record<string, string>> = {
  MODEL_NOT_ALLOWED: 'Not in your tier',
  TIER_LIMIT_EXCEEDED: "Over your tier's limit",
  NOT_FOUND: 'No such model',
  BAD_USER_INPUT: 'Check the request',
  INSUFFICIENT_CREDITS: 'Not enough credits',
};

/** Why there is no estimate. Tier refusals say so plainly and point at what would lift them. */
export function EstimateProblemAlert({ problem }: { problem: EstimateProblem }) {
  const tier = problem.code === 'MODEL_NOT_ALLOWED' || problem.code === 'TIER_LIMIT_EXCEEDED';
  return (
    <div className={`alert ${tier ? 'alert-warning' : 'alert-error'} estimate-problem`} role="alert" data-testid="estimate-problem" data-code={problem.code}>
      <p>
        <strong>{TITLES[problem.code] ?? 'No estimate'}</strong>
      </p>
      <p data-testid="estimate-problem-message">{/[.!?]$/.test(problem.message) ? problem.message : `${problem.message}.`}</p>
      {problem.code === 'MODEL_NOT_ALLOWED' && (
        <p>
          See the <Link to="/models?allowed=1">models your tier allows</Link>, or <Link to="/tiers">compare tiers</Link>.
        </p>
      )}
      {problem.code === 'TIER_LIMIT_EXCEEDED' && (
        <p>
          Lower the output budget, or <Link to="/tiers">compare tiers</Link>.
        </p>
      )}
    </div>
  );
}
