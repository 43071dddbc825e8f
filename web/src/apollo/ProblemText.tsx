import { Link } from 'react-router';
import { describeProblem, problemAction, problemSentence, type ProblemWording } from './describe-problem';
import type { ApiProblem } from './problem';

/**
 * An API problem in words, with the way out as a link where there is one ("Not enough credits …
 * Buy credits" → Billing). A screen's own wording for the code replaces both.
 */
export function ProblemText({ problem, wording = {} }: { problem: ApiProblem; wording?: ProblemWording }) {
  const action = problemAction(problem);
  if (wording[problem.code] || !action) return <>{describeProblem(problem, wording)}</>;
  return (
    <>
      {problemSentence(problem)}{' '}
      <Link to={action.to} data-testid="problem-action">
        {action.label}
      </Link>
    </>
  );
}
