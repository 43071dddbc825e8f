/**
 * OpenAI's chat completions endpoint, called as any HTTP client (or the official SDK) calls it:
 * `POST /v1/chat/completions` with the key as a bearer token.
 */

export interface ChatAnswer {
  status: number;
  /** The OpenAI-format body: `choices`/`usage` on success, `error` on a refusal. */
  body: {
    choices?: { message: { content: string } }[];
    error?: { message: string; type: string; code: string | null };
  };
  /** Tollgate's `x-tollgate-credits-charged` header (a Credits string), on an answer. */
  charged: string | null;
}

/**
 * One call. `Cache-Control: no-cache` skips Tollgate's response cache, so a repeated request is
 * run (and charged) again, as a spending test needs.
 */
export async function chatCompletion(baseUrl: string, key: string, input: { model: string; content: string; maxTokens: number }): Promise<ChatAnswer> {
  const response = await fetch(`${baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'cache-control': 'no-cache' },
    body: JSON.stringify({ model: input.model, max_tokens: input.maxTokens, messages: [{ role: 'user', content: input.content }] }),
  });
  return {
    status: response.status,
    body: (await response.json()) as ChatAnswer['body'],
    charged: response.headers.get('x-tollgate-credits-charged'),
  };
}
