import type { ChatMessage } from '@tollgate/shared';
import { BadUserInputError } from '../../platform/errors.js';
import { MAX_PROMPT_CHARS } from '../catalog/index.js';
import { MAX_MESSAGES, type CompletionCommand } from './gateway.domain.js';

const ROLES = new Set(['system', 'user', 'assistant']);

/** `prompt` or `messages`, exactly one; roles known; something for the model to answer; bounded size. */
export function validMessages(cmd: Pick<CompletionCommand, 'prompt' | 'messages'>): ChatMessage[] {
  const hasPrompt = cmd.prompt !== null && cmd.prompt !== undefined;
  const hasMessages = cmd.messages !== null && cmd.messages !== undefined;
  if (hasPrompt === hasMessages) throw new BadUserInputError('Send either prompt or messages', hasPrompt ? 'messages' : 'prompt');
  const messages: ChatMessage[] = hasPrompt ? [{ role: 'user', content: cmd.prompt! }] : cmd.messages!;
  if (messages.length === 0) throw new BadUserInputError('messages must not be empty', 'messages');
  if (messages.length > MAX_MESSAGES) throw new BadUserInputError(`At most ${MAX_MESSAGES} messages`, 'messages');
  let chars = 0;
  for (const m of messages) {
    // The role sent is not repeated back: an error never quotes what the client sent.
    if (!ROLES.has(m.role)) throw new BadUserInputError(`Unknown role: use one of ${[...ROLES].join(', ')}`, 'messages');
    if (typeof m.content !== 'string') throw new BadUserInputError('Every message needs content', 'messages');
    chars += m.content.length;
  }
  if (!messages.some((m) => m.role === 'user' && m.content.trim().length > 0)) {
    throw new BadUserInputError('Include a user message with some content', hasPrompt ? 'prompt' : 'messages');
  }
  if (chars > MAX_PROMPT_CHARS)
    throw new BadUserInputError(`The messages must total at most ${MAX_PROMPT_CHARS} characters`, hasPrompt ? 'prompt' : 'messages');
  return messages;
}

export function validTemperature(t: number | null | undefined): number | null {
  if (t === null || t === undefined) return null;
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0 || t > 2) throw new BadUserInputError('temperature must be from 0 to 2', 'temperature');
  return t;
}

export function validKey(key: string | null | undefined): string | null {
  if (key === null || key === undefined) return null;
  const trimmed = key.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw new BadUserInputError('idempotencyKey must be 1 to 200 characters', 'idempotencyKey');
  return trimmed;
}
