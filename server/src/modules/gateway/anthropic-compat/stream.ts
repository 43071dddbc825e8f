import { randomUUID } from 'node:crypto';
import type express from 'express';
import type { Logger } from '../../../platform/logger.js';
import type { CompletionOptions, CompletionResult } from '../gateway.domain.js';
import type { Ending } from '../openai-compat/ending.js';
import { relayCompletion } from '../openai-compat/relay.js';
import { toAnthropicError } from './errors.js';
import { stopReasonOf, toAnthropicUsage } from './response.js';
import { StopScanner } from '../openai-compat/stop.js';

/**
 * `stream: true` as Anthropic sends it: `message_start` (the message, empty), `content_block_start`,
 * `ping`, a `content_block_delta` (`text_delta`) per piece, `content_block_stop`, `message_delta`
 * (`stop_reason`, and the usage), `message_stop`; each as `event: <type>` + `data: <json>`. A
 * provider failing after the answer began ends the stream with an `error` event.
 *
 * The usage is the provider's, known only once the call settled: `message_start` carries zeros and
 * `message_delta` the final `input_tokens` and `output_tokens` (the SDK takes both from there). The
 * message id is the stream's own (`msg_<random>`): the completion's is known only at its end.
 */
export async function streamMessage(
  res: express.Response,
  run: (opts: CompletionOptions) => Promise<CompletionResult>,
  request: { stopSequences: string[]; ending: (result: CompletionResult) => Promise<Ending>; log: Logger },
): Promise<void> {
  const send = (type: string, data: object = {}) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  const scanner = new StopScanner(request.stopSequences);
  const text = (piece: string) => piece && send('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } });

  await relayCompletion(res, run, {
    begin(model) {
      const usage = toAnthropicUsage({ inputTokens: 0, outputTokens: 0 });
      const message = { id: `msg_${randomUUID()}`, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage };
      send('message_start', { message });
      send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
      send('ping');
    },
    delta(piece) {
      text(scanner.push(piece));
      return scanner.matched === null;
    },
    async done(result) {
      if (scanner.matched === null) text(scanner.flush());
      send('content_block_stop', { index: 0 });
      const stopReason = stopReasonOf(await request.ending(result), scanner.matched);
      send('message_delta', { delta: { stop_reason: stopReason, stop_sequence: scanner.matched }, usage: toAnthropicUsage(result.usage) });
      send('message_stop');
    },
    fail(err) {
      send('error', toAnthropicError(res, err, request.log).body);
    },
  });
}
