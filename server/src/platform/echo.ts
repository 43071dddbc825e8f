/**
 * What an error message may quote back of what a client sent (docs/decisions/0013): an identifier
 * of a conservative shape (a model id, a tier code, an idempotency key made of word characters),
 * never an arbitrary string, which may be a password, a prompt or a key pasted in the wrong field.
 */
const ECHOABLE_ID = /^[\w./:-]{1,100}$/;

/** `Model "openai/gpt-4o"` when `id` is identifier-shaped, else `Model`: the noun alone. */
export function naming(noun: string, id: unknown): string {
  return typeof id === 'string' && ECHOABLE_ID.test(id) ? `${noun} "${id}"` : noun;
}
