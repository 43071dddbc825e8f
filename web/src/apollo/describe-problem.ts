import { displayCredits } from '../credits/money';
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
    // So are the tier's and the gateway's refusals ("Your Free tier does not include …").
    case 'TIER_LIMIT_EXCEEDED':
      return sentence(problem.message) || 'That is beyond what your tier allows.';
    case 'MODEL_NOT_ALLOWED':
      return sentence(problem.message) || 'Your tier does not include that model.';
    case 'PROVIDER_UNAVAILABLE':
      return sentence(problem.message) || 'The model’s provider is not available right now. Nothing was charged.';
    case 'INSUFFICIENT_CREDITS':
      return problem.needed && problem.available
        ? `Not enough credits: this needs up to ${displayCredits(problem.needed)}, and ${displayCredits(problem.available)} are available.`
        : 'Not enough credits for this.';
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

/** The server's message with a full stop, as the other sentences here end. */
function sentence(message: string): string {
  const text = message.trim();
  return text === '' || /[.!?]$/.test(text) ? text : `${text}.`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
