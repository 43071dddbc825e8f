import { formatCredits } from '@tollgate/shared';
import { displayCredits } from '../credits/money';
import { formatDateTime } from '../ui/format-date';

/**
 * A spend-cap refusal (TIER_LIMIT_EXCEEDED, `extensions.limit === 'spend_cap'`), as the server's
 * extensions give it. Amounts are integer micro-credit strings; `resetsAt` is an ISO instant.
 */
export interface SpendCapRefusal {
  scope: 'key' | 'member';
  capMicro: string;
  spentMicro: string;
  period: 'day' | 'week' | 'month';
  resetsAt: string;
  /** The refused call's worst case, when the server sent it. */
  askedMicro?: string;
}

const PERIODS = new Set(['day', 'week', 'month']);
const MICRO = /^\d{1,30}$/;

/** The refusal from a GraphQL error's extensions; undefined when they are not the documented shape. */
export function spendCapFrom(extensions: Readonly<Record<string, unknown>>): SpendCapRefusal | undefined {
  const { capScope, capMicro, spentMicro, period, resetsAt, askedMicro } = extensions;
  if (capScope !== 'key' && capScope !== 'member') return undefined;
  if (typeof capMicro !== 'string' || !MICRO.test(capMicro) || typeof spentMicro !== 'string' || !MICRO.test(spentMicro)) return undefined;
  if (typeof period !== 'string' || !PERIODS.has(period) || typeof resetsAt !== 'string') return undefined;
  const refusal: SpendCapRefusal = { scope: capScope, capMicro, spentMicro, period: period as SpendCapRefusal['period'], resetsAt };
  if (typeof askedMicro === 'string' && MICRO.test(askedMicro)) refusal.askedMicro = askedMicro;
  return refusal;
}

/**
 * The refusal in words, built here rather than taken from the server's message, which carries the
 * reset as a raw UTC instant: the reset is shown as a local date and time. A tier does not lift a
 * cap, so there is no tier advice; a member's cap is one an owner or admin of the team can raise.
 */
export function spendCapSentence(cap: SpendCapRefusal): string {
  const limit = `${credits(cap.capMicro)} credits per ${cap.period}`;
  const whose = cap.scope === 'key' ? "this API key's spend cap" : 'your spend cap on this team';
  const resets = formatDateTime(cap.resetsAt);
  const left = BigInt(cap.capMicro) - BigInt(cap.spentMicro);
  // Room left, but less than this call may cost: it holds its worst case (prompt plus max tokens).
  const tooBig = cap.askedMicro !== undefined && left > 0n && BigInt(cap.askedMicro) > left;
  const head = tooBig
    ? `This call may cost up to ${credits(cap.askedMicro!)} credits, more than the ${credits(left.toString())} credits left of ${whose} of ${limit}. Lower the maximum tokens, or wait until it resets on ${resets}.`
    : `${capitalised(whose)} of ${limit} is reached. It resets on ${resets}.`;
  return cap.scope === 'member' ? `${head} An owner or admin of the team can raise it.` : head;
}

function credits(micro: string): string {
  return displayCredits(formatCredits(BigInt(micro)));
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
