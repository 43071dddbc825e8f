import { countMessageTokens } from '@tollgate/shared';
import { BadUserInputError } from '../../../platform/errors.js';
import type { Services } from '../../../services.js';
import type { Principal } from '../../auth/index.js';
import { tokenizerFamily } from '../../catalog/index.js';
import { isObject } from '../openai-compat/request.js';
import { parseMessagesRequest } from './request.js';

/**
 * `POST /v1/messages/count_tokens` (the SDK's `messages.countTokens`): the prompt's tokens as Tollgate
 * counts them for the model (`auto` resolved as a call would be) — the count the hold is taken on,
 * which a provider's own count may differ from. Same body as a message, `max_tokens` not needed;
 * nothing is held, charged or counted against a limit.
 */
export async function countTokens(services: Services, principal: Principal, body: unknown): Promise<{ input_tokens: number }> {
  if (!isObject(body)) throw new BadUserInputError('The request body must be a JSON object (Content-Type: application/json)');
  const { fields } = parseMessagesRequest({ ...body, max_tokens: 1 }, {});
  const messages = fields.messages ?? [];
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  if (!lastUser) throw new BadUserInputError('messages: at least one user message is required', 'messages');
  const modelId = await services.recommender.resolve(principal.accountId, fields.model, lastUser.content);
  const { model } = await services.catalog.quote(principal.accountId, modelId);
  return { input_tokens: countMessageTokens(messages, tokenizerFamily(model), model.providerModel) };
}
