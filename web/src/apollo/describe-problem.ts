import { displayCredits } from '../credits/money';
import { formatDuration } from '../ui/format-duration';
import type { ApiProblem } from './problem';
import { spendCapSentence } from './spend-cap';

/** Per-screen wording for a code, e.g. sign-in's "Email or password is incorrect". */
export type ProblemWording = Partial<Record<string, string>>;

/**
 * Turns an API problem into a sentence a person can act on: never a code, never a developer's
 * message. The server's own message is shown where the server writes it for people (the codes in
 * PEOPLE_MESSAGES, and only when it reads as a sentence: see `forPeople`); else one sentence per code.
 */
export function describeProblem(problem: ApiProblem, wording: ProblemWording = {}): string {
  const custom = wording[problem.code];
  if (custom) return custom;
  const action = problemAction(problem);
  return action?.hint ? `${problemSentence(problem)} ${action.hint}` : problemSentence(problem);
}

/** The sentence alone, without the way out: for a screen that shows that as a link (ProblemText). */
export function problemSentence(problem: ApiProblem): string {
  const words = PEOPLE_MESSAGES.has(problem.code) && !problem.request ? forPeople(problem.message) : undefined;
  // Shown beside a field, bad input keeps the server's wording as it is ("Email is already registered").
  const own = words && problem.code !== 'BAD_USER_INPUT' ? sentence(words) : words;
  switch (problem.code) {
    case 'RATE_LIMITED':
      return `Too many attempts — try again in ${formatDuration(problem.retryAfterSeconds ?? 0)}.`;
    case 'BAD_USER_INPUT':
      // A request the app itself built wrong (a GraphQL validation error) is not the person's to fix.
      if (problem.request) return 'The app sent a request the server could not read. Reload the page and try again.';
      return own ?? (problem.field ? 'Check the highlighted field and try again.' : 'Check what you entered and try again.');
    case 'TIER_LIMIT_EXCEEDED':
      if (problem.spendCap) return spendCapSentence(problem.spendCap);
      return own ?? 'That is beyond what your tier allows.';
    case 'MODEL_NOT_ALLOWED':
      return own ?? 'Your tier does not include that model.';
    case 'PROVIDER_UNAVAILABLE':
      return own ?? 'The model’s provider is not available right now. Nothing was charged.';
    case 'PAYMENTS_UNAVAILABLE':
      return own ?? 'Payments are not available on this server right now.';
    case 'INSUFFICIENT_CREDITS':
      return problem.needed && problem.available
        ? `Not enough credits: this needs up to ${displayCredits(problem.needed)}, and ${displayCredits(problem.available)} are available.`
        : 'Not enough credits for this.';
    case 'IDEMPOTENCY_CONFLICT':
      return 'This was already sent with different details. Reload the page and try again.';
    case 'UNAUTHENTICATED':
      return 'Your session has ended. Please sign in again.';
    case 'FORBIDDEN':
      // A team's refusals are written for people ("Only an owner or admin of this team may do this").
      return teamWords(problem) ?? "You don't have permission to do that.";
    case 'NOT_FOUND':
      return own ?? 'That item no longer exists. Refresh the page and try again.';
    case 'NETWORK':
      return "Can't reach Tollgate. Check your connection and try again.";
    default:
      return 'Something went wrong on our side. Please try again.';
  }
}

export interface ProblemAction {
  /** Where to go. */
  to: string;
  /** The link's words. */
  label: string;
  /**
   * The same way out as a sentence, for plain text. None for the tier refusals: the screens that
   * meet them (estimator, provider keys) already link to the tiers in their own words.
   */
  hint?: string;
}

/** Where to go to lift a refusal: a link beside the sentence (ProblemText), or a hint after it. */
export function problemAction(problem: ApiProblem): ProblemAction | undefined {
  switch (problem.code) {
    case 'INSUFFICIENT_CREDITS':
      return { to: '/billing', label: 'Buy credits', hint: 'Buy credits on the Billing page.' };
    case 'TIER_LIMIT_EXCEEDED':
      // A spend cap is set on a key or a member, not by the tier: another tier does not lift it.
      if (problem.limit === 'spend_cap') return undefined;
      return { to: '/tiers', label: 'Compare tiers' };
    case 'MODEL_NOT_ALLOWED':
      return { to: '/tiers', label: 'Compare tiers' };
    default:
      return undefined;
  }
}

/** Codes whose server messages are written for the person ("Email is already registered"). */
const PEOPLE_MESSAGES = new Set(['BAD_USER_INPUT', 'TIER_LIMIT_EXCEEDED', 'MODEL_NOT_ALLOWED', 'PROVIDER_UNAVAILABLE', 'PAYMENTS_UNAVAILABLE', 'NOT_FOUND']);

/**
 * The server's message, or undefined when it is not one to show: empty, or carrying what only a
 * developer reads (an error code in CAPS_SNAKE, a raw id, JSON, a stack line).
 */
export function forPeople(message: string): string | undefined {
  const text = message.trim();
  if (text === '' || text.length > 400) return undefined;
  if (/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/.test(text) || UUID.test(text) || /[{}]|\bat \S+ \(|\bundefined\b|\bnull\b/.test(text)) return undefined;
  return text;
}

/**
 * The server's words for a refusal about a team (its membership, a member's role, an invitation),
 * if they read as a sentence: "Only an owner may remove an owner" says more than "no permission".
 */
function teamWords(problem: ApiProblem): string | undefined {
  const words = /\b(team|owner|admin|invitation)\b/i.test(problem.message) ? forPeople(problem.message) : undefined;
  return words && sentence(words);
}

/** A message with a full stop, as the other sentences here end. */
function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;
