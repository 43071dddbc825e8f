import express from 'express';
import { formatCredits } from '@tollgate/shared';
import { BadUserInputError } from '../../../platform/errors.js';
import type { Logger } from '../../../platform/logger.js';
import { refuseUnstorableInput, unstorableMessage } from '../../../platform/unstorable.js';
import type { Services } from '../../../services.js';
import { authenticateOpenAi } from '../openai-compat/auth.js';
import { callerOf } from '../caller.js';
import { openAiErrorHandler, sendOpenAiError, unknownEndpoint } from '../openai-compat/errors.js';
import { CREDITS_CHARGED_HEADER, CREDITS_REMAINING_HEADER } from '../openai-compat/router.js';
import { float32ToBase64 } from '../providers/embeddings.js';
import type { EmbeddingsResult } from './embeddings.domain.js';
import { parseEmbeddingsRequest } from './embeddings.request.js';

/** OpenAI's embeddings answer. */
export interface EmbeddingsResponse {
  object: 'list';
  data: Array<{ object: 'embedding'; index: number; embedding: number[] | string }>;
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

/**
 * `POST /v1/embeddings` in OpenAI's format (docs/api.md, Embeddings), so `client.embeddings.create`
 * of the official SDKs works with `baseURL: <tollgate>/v1`. Mounted at `/v1/embeddings` before the
 * rest of `/v1`, with the same authentication (an API key with the `completions` scope, or a
 * session), error shape and credit headers as `/v1/chat/completions`.
 */
export function embeddingsRouter(deps: { services: Services; log: Logger }): express.Router {
  const { services, log } = deps;
  const router = express.Router();
  router.use(refuseUnstorableInput((res, path) => sendOpenAiError(res, new BadUserInputError(unstorableMessage(path)), log)));

  router.post('/', async (req, res) => {
    try {
      const principal = await authenticateOpenAi(services.authenticator, req);
      const { encodingFormat, ...fields } = parseEmbeddingsRequest(req.body, {
        idempotencyKey: req.headers['idempotency-key'],
        cacheControl: req.headers['cache-control'],
      });
      const result = await services.embeddings.embed({ ...fields, ...callerOf(principal) });
      res.setHeader(CREDITS_CHARGED_HEADER, formatCredits(result.charged));
      res.setHeader(CREDITS_REMAINING_HEADER, formatCredits(result.balance.available));
      res.setHeader('x-tollgate-cached', String(result.cached));
      res.json(toEmbeddingsResponse(result, encodingFormat));
    } catch (err) {
      sendOpenAiError(res, err, log);
    }
  });

  router.use(unknownEndpoint);
  router.use(openAiErrorHandler(log));
  return router;
}

/** `base64`: each vector's little-endian float32 bytes, as OpenAI sends them (the SDKs' default ask). */
export function toEmbeddingsResponse(result: EmbeddingsResult, format: 'float' | 'base64'): EmbeddingsResponse {
  return {
    object: 'list',
    data: result.vectors.map((v, index) => ({ object: 'embedding', index, embedding: format === 'base64' ? float32ToBase64(v) : Array.from(v) })),
    model: result.model,
    usage: { prompt_tokens: result.inputTokens, total_tokens: result.inputTokens },
  };
}
