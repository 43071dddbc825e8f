import type { ApiProblem } from './problem';

/** Per-screen wording for a code, e.g. sign-in's "Email or password is incorrect". */
export type ProblemWording = Partial<Record<string, string>>;

/** Turns an API problem into a sentence a person can act on. */
export function describeProblem(problem: ApiProblem, wording: ProblemWording = {}): string {
  const custom = wording[problem.code];
  if (custom) return custom;
  switch (problem.code) {
    case 'RATE_LIMITED':
      return problem.retryAfterSeconds
        ? `Too many attempts. Try again in ${plural(problem.retryAfterSeconds, 'second')}.`
        : 'Too many attempts. Try again in a moment.';
    case 'BAD_USER_INPUT':
      // The server writes these for people ("Email is already registered"); show them as they are.
      return problem.message || 'Please check what you entered.';
    case 'UNAUTHENTICATED':
      return 'Your session has ended. Please sign in again.';
    case 'FORBIDDEN':
      return "You don't have permission to do that.";
    case 'NOT_FOUND':
      return 'That item no longer exists. Refresh the page and try again.';
    case 'NETWORK':
      return "Can't reach Tollgate. Check your connection and try again.";
    default:
      return 'Something went wrong on our side. Please try again.';
  }
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
