import type express from 'express';
import { formatCredits } from '@tollgate/shared';
import type { CompletionOptions, CompletionResult } from '../gateway.domain.js';
import { completionEvents, type StreamEvent } from '../gateway.stream.js';

export const CREDITS_CHARGED_HEADER = 'x-tollgate-credits-charged';
export const CREDITS_REMAINING_HEADER = 'x-tollgate-credits-remaining';

/** How one API writes a streamed completion; the relay calls them in order. */
export interface StreamWriter {
  /** The first piece (or the whole answer) has arrived: the headers are out, nothing else yet. */
  begin(model: string): void;
  /** A piece of text; `false` ends the answer here (a stop sequence), settling for what was produced. */
  delta(text: string): boolean | void;
  /** The settled result: the closing events. */
  done(result: CompletionResult): Promise<void> | void;
  /** The provider failed after the answer began. */
  fail(err: unknown): void;
}

/**
 * One gateway run relayed as server-sent events, for any of the /v1 APIs. A request refused before
 * the first piece throws (the caller answers it as a plain JSON error, with its status). The charge
 * is known only at the end: it goes out as HTTP trailers (the two credit headers). A client that
 * hangs up stops the provider; the gateway then settles for what was delivered.
 */
export async function relayCompletion(res: express.Response, run: (opts: CompletionOptions) => Promise<CompletionResult>, writer: StreamWriter): Promise<void> {
  // Kept to read the settled result of a run this side ended early (a stop sequence).
  const ran: { result?: Promise<CompletionResult> } = {};
  const events = completionEvents((opts) => (ran.result = run(opts)));
  res.on('close', () => void events.return());
  const first = await events.next();
  if (first.done) throw new Error('The stream ended before it began');
  if (first.value.kind === 'error') throw first.value.error;

  res.status(200);
  res.setHeader('content-type', 'text/event-stream; charset=utf-8');
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('x-accel-buffering', 'no');
  res.setHeader('trailer', `${CREDITS_CHARGED_HEADER}, ${CREDITS_REMAINING_HEADER}`);
  res.flushHeaders();
  writer.begin(first.value.kind === 'delta' ? first.value.model : first.value.result.model);

  let result: CompletionResult | null = null;
  for (let event: StreamEvent = first.value; ;) {
    if (event.kind === 'delta') {
      if (writer.delta(event.text) === false) {
        await events.return();
        result = (await ran.result?.catch(() => null)) ?? null;
        if (!result) writer.fail(new Error('The call ended early and could not be settled'));
        break;
      }
    } else if (event.kind === 'done') {
      result = event.result;
      break;
    } else {
      writer.fail(event.error);
      break;
    }
    const next = await events.next();
    if (next.done) break;
    event = next.value;
  }
  if (result && !res.destroyed) {
    await writer.done(result);
    res.addTrailers({ [CREDITS_CHARGED_HEADER]: formatCredits(result.charged), [CREDITS_REMAINING_HEADER]: formatCredits(result.available) });
  }
  res.end();
}

/** The charge and what is left, on an answer given whole (`cached` too when known). */
export function sendCredits(res: express.Response, r: { charged: bigint; available: bigint; cached?: boolean }): void {
  res.setHeader(CREDITS_CHARGED_HEADER, formatCredits(r.charged));
  res.setHeader(CREDITS_REMAINING_HEADER, formatCredits(r.available));
  if (r.cached !== undefined) res.setHeader('x-tollgate-cached', String(r.cached));
}
