import { randomUUID } from 'node:crypto';
import type express from 'express';
import { formatCredits } from '@tollgate/shared';
import { DomainError } from '../../../platform/errors.js';
import type { CompletionOptions, CompletionResult } from '../gateway.domain.js';
import type { Ending } from './ending.js';
import { relayCompletion } from './relay.js';
import { toOpenAiUsage, unixSeconds } from './response.js';
import { StopScanner } from './stop.js';

export { CREDITS_CHARGED_HEADER, CREDITS_REMAINING_HEADER } from './relay.js';

/**
 * `stream: true` as OpenAI sends it: `chat.completion.chunk` events, a role chunk first, the
 * content chunks, a finish chunk (`finish_reason`), a usage chunk (`choices: []`) when
 * `stream_options.include_usage` (every other chunk then has `usage: null`), then `data: [DONE]`.
 *
 * Every chunk carries the same `id`, `created` and `model`. The completion's own id is known only
 * once it has settled, after the first chunks went out, so a stream's id is its own
 * (`chatcmpl-<random>`); the usage chunk links it to the completion (`x_tollgate.completion_id`, the
 * id of its transaction's reference), with the charge.
 */
export async function streamChatCompletion(
  res: express.Response,
  run: (opts: CompletionOptions) => Promise<CompletionResult>,
  request: { includeUsage: boolean; stopSequences: string[]; ending: (result: CompletionResult) => Promise<Ending> },
): Promise<void> {
  const head = { id: `chatcmpl-${randomUUID()}`, object: 'chat.completion.chunk', created: unixSeconds(new Date()), model: '', system_fingerprint: null };
  const usageNull = request.includeUsage ? { usage: null } : {};
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  const chunk = (delta: object, finish: Ending | null) =>
    send({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...usageNull });
  // `stop`: pieces pass through the scanner, which holds back what may begin a sequence.
  const scanner = new StopScanner(request.stopSequences);
  const text = (piece: string) => piece && chunk({ content: piece }, null);

  await relayCompletion(res, run, {
    begin(model) {
      head.model = model;
      chunk({ role: 'assistant', content: '', refusal: null }, null);
    },
    delta(piece) {
      text(scanner.push(piece));
      return scanner.matched === null;
    },
    async done(r) {
      if (scanner.matched === null) text(scanner.flush());
      chunk({}, scanner.matched === null ? await request.ending(r) : 'stop');
      if (request.includeUsage) {
        send({
          ...head,
          choices: [],
          usage: toOpenAiUsage(r.usage),
          x_tollgate: {
            completion_id: r.id,
            credits_charged: formatCredits(r.charged),
            credits_remaining: formatCredits(r.available),
            cached: r.cached,
            provider: r.provider,
            fallback_from: r.fallbackFrom,
          },
        });
      }
      res.write('data: [DONE]\n\n');
    },
    // The provider failed after the answer began: OpenAI's streams end with an error event.
    fail: (err) => send({ error: { message: errorMessage(err), type: 'server_error', param: null, code: 'provider_unavailable' } }),
  });
}

function errorMessage(err: unknown): string {
  return err instanceof DomainError ? err.message : 'The provider failed mid-answer';
}
