import type { Logger } from '../../platform/logger.js';
import { callCandidate, type CallOutcome, type Delivered } from './gateway.call.js';
import type { ChatMessage } from '@tollgate/shared';
import type { CompletionOptions } from './gateway.domain.js';
import { ProviderUnavailableError } from './gateway.errors.js';
import type { CompletionEvent } from './gateway.meter.js';
import type { Candidate } from './gateway.plan.js';
import { ProviderError } from './providers/provider.js';

/** What calling a chain reports to its caller: failures metered as they happen, the last one left in `failure`. */
export interface ChainHooks {
  log: Logger;
  holdId: string | null;
  failure: { event: CompletionEvent | null };
  meterFailure(failed: CompletionEvent): Promise<void>;
}

/**
 * The models a call may be served by, in order. The first is quoted at once (the hold needs its
 * worst case); the fallbacks only when a provider fails and the call moves on (`at` past the
 * first), so a call its first provider serves counts its tokens once and quotes nothing else.
 */
export class CandidateChain {
  private expanding: Promise<void> | null = null;

  constructor(
    private readonly list: Candidate[],
    private expand: (() => Promise<Candidate[]>) | null,
    private readonly price: (c: Candidate) => Candidate = (c) => c,
  ) {}

  get first(): Candidate {
    return this.list[0]!;
  }

  /** The i-th candidate (0: the first), quoting the fallbacks on the first ask past the known ones. */
  async at(i: number): Promise<Candidate | undefined> {
    if (i >= this.list.length && this.expand) {
      this.expanding ??= this.expand().then((more) => void this.list.push(...more.map(this.price)));
      this.expand = null;
      await this.expanding;
    }
    return this.list[i];
  }

  /** The same chain with every candidate, known or quoted later, passed through `price`. */
  priced(price: (c: Candidate) => Candidate): CandidateChain {
    return new CandidateChain(this.list.map(price), this.expand, (c) => price(this.price(c)));
  }
}

/**
 * Tries the chain in order. A transient failure (timeout, 429, 5xx, unreachable) moves to the
 * next model while nothing has been delivered; anything else, or the end of the chain, answers
 * PROVIDER_UNAVAILABLE (the caller releases the hold, metering `failure.event` with it). Each
 * failed attempt is metered as an error.
 */
export async function callChain(chain: CandidateChain, messages: ChatMessage[], temperature: number | null, opts: CompletionOptions, hooks: ChainHooks) {
  const { log, holdId, failure } = hooks;
  const delivered: Delivered = { text: '' };
  for (let i = 0, candidate = chain.first; candidate; candidate = (await chain.at(++i))!) {
    const started = Date.now();
    try {
      const outcome: CallOutcome = await callCandidate(candidate, messages, temperature, delivered, opts.onDelta, opts.signal);
      return { candidate, outcome, latencyMs: Date.now() - started };
    } catch (err) {
      const reason = err instanceof ProviderError ? err.message : 'unexpected provider failure';
      const next =
        err instanceof ProviderError && err.transient && delivered.text.length === 0 && !opts.signal?.aborted ? await fallbackAfter(chain, i, log) : undefined;
      log.warn({ err, model: candidate.quote.model.id, fallback: next?.quote.model.id ?? null }, 'provider call failed');
      const failed = {
        modelId: candidate.quote.model.id,
        provider: candidate.provider.name,
        status: 'error' as const,
        errorCode: 'PROVIDER_UNAVAILABLE',
        latencyMs: Date.now() - started,
        holdId,
        byok: candidate.byok,
      };
      if (next) {
        await hooks.meterFailure(failed);
        continue;
      }
      failure.event = failed;
      throw new ProviderUnavailableError(`${chain.first.quote.model.displayName} failed: ${reason}`);
    }
  }
  throw new ProviderUnavailableError('No provider could serve the request');
}

/** The candidate after the i-th, its fallbacks quoted now if not yet; none when quoting them fails. */
async function fallbackAfter(chain: CandidateChain, i: number, log: Logger): Promise<Candidate | undefined> {
  try {
    return await chain.at(i + 1);
  } catch (err) {
    log.warn({ err }, 'could not quote the fallbacks of a failed call');
    return undefined;
  }
}
