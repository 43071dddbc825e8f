import { randomUUID } from 'node:crypto';
import type express from 'express';
import { formatCredits } from '@tollgate/shared';
import { DomainError } from '../../../platform/errors.js';
import type { CompletionOptions, CompletionResult } from '../gateway.domain.js';
import { completionEvents, type StreamEvent } from '../gateway.stream.js';
import { unixSeconds } from './response.js';

export const CREDITS_CHARGED_HEADER = 'x-tollgate-credits-charged';
export const CREDITS_REMAINING_HEADER = 'x-tollgate-credits-remaining';

type Finish = 'stop' | 'length' | null;

/**
 * `stream: true` as OpenAI sends it: `chat.completion.chunk` events, a role chunk first, a
 * finish chunk, a usage chunk when `stream_options.include_usage`, then `data: [DONE]`. A request
 * refused before the first token is answered as a plain JSON error (the caller throws it). The
 * charge is known only at the end: it goes out as HTTP trailers (the same two credit headers) and
 * as `x_tollgate` on the usage chunk. A client that hangs up stops the provider; the gateway then
 * settles for what was delivered.
 */
export async function streamChatCompletion(
  res: express.Response,
  run: (opts: CompletionOptions) => Promise<CompletionResult>,
  request: { maxTokens: number | null; includeUsage: boolean },
): Promise<void> {
  const events = completionEvents(run);
  res.on('close', () => void events.return());
  const first = await events.next();
  if (first.done) throw new Error('The stream ended before it began');
  if (first.value.kind === 'error') throw first.value.error;

  const created = unixSeconds(new Date());
  let id = `chatcmpl-${randomUUID()}`;
  let model = first.value.kind === 'delta' ? first.value.model : first.value.result.model;
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  const chunk = (delta: object, finish: Finish, extra: object = {}) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...extra,
  });

  res.status(200);
  res.setHeader('content-type', 'text/event-stream; charset=utf-8');
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('x-accel-buffering', 'no');
  res.setHeader('trailer', `${CREDITS_CHARGED_HEADER}, ${CREDITS_REMAINING_HEADER}`);
  res.flushHeaders();
  send(chunk({ role: 'assistant', content: '' }, null));

  let event: StreamEvent = first.value;
  for (;;) {
    if (event.kind === 'delta') {
      model = event.model;
      send(chunk({ content: event.text }, null));
    } else if (event.kind === 'done') {
      const r = event.result;
      id = `chatcmpl-${r.id}`;
      model = r.model;
      const cut = request.maxTokens !== null && r.usage.outputTokens >= request.maxTokens;
      send(chunk({}, cut ? 'length' : 'stop'));
      if (request.includeUsage) {
        const { inputTokens, outputTokens } = r.usage;
        send({
          ...chunk({}, null),
          choices: [],
          usage: { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens },
          x_tollgate: {
            credits_charged: formatCredits(r.charged),
            credits_remaining: formatCredits(r.available),
            cached: r.cached,
            provider: r.provider,
            fallback_from: r.fallbackFrom,
          },
        });
      }
      res.write('data: [DONE]\n\n');
      res.addTrailers({ [CREDITS_CHARGED_HEADER]: formatCredits(r.charged), [CREDITS_REMAINING_HEADER]: formatCredits(r.available) });
      break;
    } else {
      // The provider failed after the answer began: OpenAI's streams end with an error event.
      send({ error: { message: errorMessage(event.error), type: 'server_error', param: null, code: 'provider_unavailable' } });
      break;
    }
    const next = await events.next();
    if (next.done) break;
    event = next.value;
  }
  res.end();
}

function errorMessage(err: unknown): string {
  return err instanceof DomainError ? err.message : 'The provider failed mid-answer';
}
