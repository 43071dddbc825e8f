import express from 'express';
import { BadUserInputError, NotFoundError } from '../../../platform/errors.js';
import { naming } from '../../../platform/echo.js';
import type { Logger } from '../../../platform/logger.js';
import type { Services } from '../../../services.js';
import type { CompletionResult } from '../gateway.domain.js';
import { refuseUnstorableInput, unstorableMessage } from '../../../platform/unstorable.js';
import { authenticateOpenAi } from './auth.js';
import { openAiErrorHandler, sendOpenAiError, unknownEndpoint } from './errors.js';
import { endingOf } from './ending.js';
import { completionCommand, parseChatRequest, requestHeaders } from './request.js';
import { toChatCompletion, toOpenAiModel } from './response.js';
import { CREDITS_CHARGED_HEADER, CREDITS_REMAINING_HEADER, sendCredits } from './relay.js';
import { cutAtStop } from './stop.js';
import { streamChatCompletion } from './stream.js';
import type { Principal } from '../../auth/index.js';

export { openAiErrorHandler };

export { CREDITS_CHARGED_HEADER, CREDITS_REMAINING_HEADER };

/**
 * The OpenAI-compatible API (docs/api.md), so the official SDKs work with `baseURL: <tollgate>/v1`.
 * Mount: `app.use('/v1', express.json(…), openAiCompatRouter(…), openAiErrorHandler(log))`. The
 * trailing handler is needed: Express skips a router while an error is pending, so a body-parser
 * error (malformed JSON, too large) from the `express.json` before it never reaches the router.
 * Every request goes through the same gateway pipeline as the GraphQL `complete` mutation
 * (hold → provider → settle), so it is metered and refused alike.
 * `stream: true` answers server-sent events (stream.ts).
 */
export function openAiCompatRouter(deps: { services: Services; log: Logger }): express.Router {
  const { services, log } = deps;
  const router = express.Router();

  /** Runs a handler; whatever it throws is answered in OpenAI's error shape. */
  const handle =
    (fn: (req: express.Request, res: express.Response) => Promise<void>): express.RequestHandler =>
    async (req, res) => {
      try {
        await fn(req, res);
      } catch (err) {
        sendOpenAiError(res, err, log);
      }
    };

  // The edge guard: text PostgreSQL cannot store (NUL, lone surrogates) anywhere in a body is refused before anything runs.
  router.use(refuseUnstorableInput((res, path) => sendOpenAiError(res, new BadUserInputError(unstorableMessage(path)), log)));

  router.post(
    '/chat/completions',
    handle(async (req, res) => {
      // One completion and nothing else: the principal's version is read in the completion's rate-limit round trip.
      const principal = await authenticateOpenAi(services.authenticator, req, { deferVersion: true });
      const request = parseChatRequest(req.body, requestHeaders(req));
      const { stream, includeUsage, stopSequences, ...fields } = request;
      const cmd = completionCommand(principal, fields);
      const ending = (result: CompletionResult) => endingOf(services.catalog, principal.accountId, result, request.maxTokens);
      if (stream) return streamChatCompletion(res, (opts) => services.gateway.complete(cmd, opts), { includeUsage, stopSequences, ending });
      const result = await services.gateway.complete(cmd);
      const { text, matched } = cutAtStop(result.content, stopSequences);
      sendCredits(res, result);
      res.json(toChatCompletion({ ...result, content: text }, matched === null ? await ending(result) : 'stop', new Date()));
    }),
  );

  router.get(
    '/models',
    handle(async (req, res) => {
      const principal = await authenticateOpenAi(services.authenticator, req);
      const models = await services.catalog.models(principal.accountId);
      sendCredits(res, { charged: 0n, available: (await services.ledger.balance(principal.accountId)).available });
      res.json({ object: 'list', data: models.filter((m) => m.allowed && keyMayCall(principal, m.model.id)).map(toOpenAiModel) });
    }),
  );

  // Model ids contain a slash (`sandbox/echo`): accept it raw or percent-encoded.
  router.get(
    '/models/*id',
    handle(async (req, res) => {
      const principal = await authenticateOpenAi(services.authenticator, req);
      const id = ([] as string[]).concat(req.params.id ?? []).join('/');
      const found = (await services.catalog.models(principal.accountId)).find((m) => m.allowed && m.model.id === id && keyMayCall(principal, id));
      if (!found) throw new NotFoundError(naming('Model', id));
      sendCredits(res, { charged: 0n, available: (await services.ledger.balance(principal.accountId)).available });
      res.json(toOpenAiModel(found));
    }),
  );

  router.use(unknownEndpoint);
  router.use(openAiErrorHandler(log));
  return router;
}

/** A key with a model allow-list lists (and finds) only those models (decision 0056). */
const keyMayCall = (principal: Principal, modelId: string) => !principal.key?.models || principal.key.models.includes(modelId);
