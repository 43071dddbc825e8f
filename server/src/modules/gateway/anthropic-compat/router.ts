import express from 'express';
import { BadUserInputError } from '../../../platform/errors.js';
import type { Logger } from '../../../platform/logger.js';
import { refuseUnstorableInput, unstorableMessage } from '../../../platform/unstorable.js';
import type { Services } from '../../../services.js';
import type { CompletionResult } from '../gateway.domain.js';
import { authenticateBearer } from '../openai-compat/auth.js';
import { endingOf } from '../openai-compat/ending.js';
import { sendCredits } from '../openai-compat/relay.js';
import { completionCommand, requestHeaders } from '../openai-compat/request.js';
import { countTokens } from './count-tokens.js';
import { anthropicErrorHandler, sendAnthropicError, unknownAnthropicEndpoint } from './errors.js';
import { parseMessagesRequest } from './request.js';
import { toAnthropicMessage } from './response.js';
import { cutAtStop } from '../openai-compat/stop.js';
import { streamMessage } from './stream.js';

export { anthropicErrorHandler };

const MISSING_KEY = 'You didn\'t provide an API key. Send your Tollgate key as "x-api-key: <key>" or "Authorization: Bearer <key>"';

/** The key as `x-api-key` (the SDK's `apiKey`), else the `Authorization` header (its `authToken`). */
function bearerOf(req: express.Request): string | undefined {
  const apiKey = req.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.trim() !== '' ? `Bearer ${apiKey.trim()}` : req.headers.authorization;
}

/**
 * Anthropic's Messages API (docs/api.md), so the official `@anthropic-ai/sdk` works unchanged with
 * `baseURL: <tollgate>` and a Tollgate API key. Mount:
 * `app.use('/v1/messages', express.json(…), anthropicCompatRouter(…), anthropicErrorHandler(log))`
 * (the trailing handler answers the JSON parser's errors, as for the OpenAI router).
 *
 * The key comes as `x-api-key` (the SDK's `apiKey`) or `Authorization: Bearer` (its `authToken`);
 * `anthropic-version` is accepted whatever it says. A request is the same gateway call as
 * `/v1/chat/completions` (hold → provider → settle, cache, limits, `Idempotency-Key`), built by the
 * same code: only the request's and the answer's shapes are Anthropic's.
 */
export function anthropicCompatRouter(deps: { services: Services; log: Logger }): express.Router {
  const { services, log } = deps;
  const router = express.Router();

  router.use(refuseUnstorableInput((res, path) => sendAnthropicError(res, new BadUserInputError(unstorableMessage(path)), log)));

  router.post('/', async (req, res) => {
    try {
      const principal = await authenticateBearer(services.authenticator, bearerOf(req), { deferVersion: true, missing: MISSING_KEY });
      const { fields, stream, stopSequences } = parseMessagesRequest(req.body, requestHeaders(req));
      const cmd = completionCommand(principal, fields);
      const ending = (result: CompletionResult) => endingOf(services.catalog, principal.accountId, result, fields.maxTokens);
      if (stream) return await streamMessage(res, (opts) => services.gateway.complete(cmd, opts), { stopSequences, ending, log });
      const result = await services.gateway.complete(cmd);
      const { text, matched } = cutAtStop(result.content, stopSequences);
      sendCredits(res, result);
      res.json(toAnthropicMessage(result, text, await ending(result), matched));
    } catch (err) {
      sendAnthropicError(res, err, log);
    }
  });

  router.post('/count_tokens', async (req, res) => {
    try {
      const principal = await authenticateBearer(services.authenticator, bearerOf(req), { missing: MISSING_KEY });
      res.json(await countTokens(services, principal, req.body));
    } catch (err) {
      sendAnthropicError(res, err, log);
    }
  });

  router.use(unknownAnthropicEndpoint);
  router.use(anthropicErrorHandler(log));
  return router;
}
