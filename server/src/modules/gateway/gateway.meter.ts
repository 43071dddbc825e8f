import { overageCharge, type ChargeTerms, type Usage } from '@tollgate/shared';
import type { Sql } from '../../platform/sql.js';
import type { Companion } from '../ledger/index.js';
import type { CompletionUsageService } from '../metering/index.js';
import type { UsageEvent } from '../metering/index.js';
import type { CompletionCommand } from './gateway.domain.js';
import { personOf } from './caller.js';

export type CompletionEvent = Partial<UsageEvent> & Pick<UsageEvent, 'status'>;

/**
 * The gateway's side of metering: one usage event per provider attempt, cache hit or replay-free
 * answer, written in the ledger's transaction when money moved (so event, rollup and charge commit
 * together), on its own otherwise.
 */
export class CompletionMeter {
  constructor(private readonly usage: CompletionUsageService) {}

  record(cmd: CompletionCommand, e: CompletionEvent, tx?: Sql): Promise<string | null> {
    return this.usage.record(event(cmd, e), tx);
  }

  /** The same record, to ride in the settle's own statement (one round trip for charge, event and rollup). */
  companion(cmd: CompletionCommand, e: CompletionEvent): Companion {
    return this.usage.companion(event(cmd, e));
  }
}

function event(cmd: CompletionCommand, e: CompletionEvent): UsageEvent {
  return {
    userId: cmd.userId,
    apiKeyId: cmd.apiKeyId,
    memberId: personOf(cmd),
    service: 'completion',
    modelId: null,
    provider: null,
    errorCode: null,
    inputTokens: 0,
    outputTokens: 0,
    costNano: 0n,
    markupBps: 0n,
    charged: 0n,
    cached: false,
    byok: false,
    latencyMs: 0,
    holdId: null,
    idempotencyKey: null,
    requestHash: null,
    response: null,
    ...e,
  };
}

/**
 * The overage of a call, for its usage event (docs/decisions/0020-overage.md): its tokens past the
 * allowance, what they were charged (surcharge included) and the surcharge alone. Neither amount
 * is ever above what the call was charged: a BYOK call (charged 0) or a cache hit records its
 * overage tokens and no credits, and a charge the hold capped caps them too.
 */
/**
 * The event a call is metered as should its settle fail: the provider's cost stays on record, while
 * nothing is charged and no tokens count against the user's allowances.
 */
export function settleFailedEvent(event: CompletionEvent): CompletionEvent {
  return {
    ...event,
    status: 'error',
    errorCode: 'SETTLE_FAILED',
    inputTokens: 0,
    outputTokens: 0,
    charged: 0n,
    overage: undefined,
    idempotencyKey: null,
    requestHash: null,
    response: null,
  };
}

export function overageOf(terms: ChargeTerms, usage: Usage, charged: bigint): UsageEvent['overage'] {
  const o = overageCharge(terms, usage);
  if (o.tokens === 0) return undefined;
  return { tokens: o.tokens, charged: o.credits < charged ? o.credits : charged, surcharge: o.surcharge < charged ? o.surcharge : charged };
}
