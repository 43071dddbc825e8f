import { BadUserInputError } from '../../../platform/errors.js';
import type { EmbeddingInput } from '../providers/embeddings.js';
import { MAX_INPUTS, type EmbeddingsCommand } from './embeddings.domain.js';

/** The part of an OpenAI `POST /embeddings` body Tollgate reads, as the service's command (less the caller). */
export type EmbeddingsRequest = Omit<EmbeddingsCommand, 'userId' | 'apiKeyId'> & {
  /** How the vectors are sent back: numbers, or little-endian float32 bytes in base64 (OpenAI's two forms). */
  encodingFormat: 'float' | 'base64';
};

export interface EmbeddingsHeaders {
  idempotencyKey?: string | string[];
  cacheControl?: string | string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTokenId = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 0x7fff_ffff;

/**
 * Maps an OpenAI embeddings body onto the command. `input` takes every form OpenAI's does: a string,
 * strings, one token array or token arrays (token ids of the model's own tokenizer, as some clients
 * send after cutting a text to the context window). Empty inputs are refused, as OpenAI refuses them.
 */
export function parseEmbeddingsRequest(body: unknown, headers: EmbeddingsHeaders): EmbeddingsRequest {
  if (!isObject(body)) throw new BadUserInputError('The request body must be a JSON object (Content-Type: application/json)');
  if (typeof body.model !== 'string' || body.model.trim() === '') throw new BadUserInputError('model is required', 'model');
  const format = body.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64') throw new BadUserInputError('encoding_format must be "float" or "base64"', 'encoding_format');
  const dimensions = body.dimensions ?? null;
  if (dimensions !== null && !(typeof dimensions === 'number' && Number.isInteger(dimensions) && dimensions >= 1)) {
    throw new BadUserInputError('dimensions must be a whole number of at least 1', 'dimensions');
  }
  if (body.user !== undefined && body.user !== null && typeof body.user !== 'string') throw new BadUserInputError('user must be a string', 'user');
  return {
    model: body.model,
    inputs: inputsOf(body.input),
    dimensions,
    encodingFormat: format,
    idempotencyKey: single(headers.idempotencyKey) ?? null,
    // `Cache-Control: no-cache` (or no-store) skips the response cache, as on /v1/chat/completions.
    useCache: /\bno-(cache|store)\b/i.test(single(headers.cacheControl) ?? '') ? false : null,
  };
}

function inputsOf(input: unknown): EmbeddingInput[] {
  const EXPECTED = 'input must be a string, an array of strings, an array of token ids or an array of token-id arrays';
  if (typeof input === 'string') return [nonEmpty(input, 0)];
  if (!Array.isArray(input)) throw new BadUserInputError(EXPECTED, 'input');
  if (input.length === 0) throw new BadUserInputError('input must not be empty', 'input');
  // One token array (numbers) is a single input; everything else is a batch of one form.
  if (input.every(isTokenId)) return [input];
  if (input.length > MAX_INPUTS) throw new BadUserInputError(`input may hold at most ${MAX_INPUTS} items`, 'input');
  if (input.every((x) => typeof x === 'string')) return input.map((x, i) => nonEmpty(x as string, i));
  if (input.every((x) => Array.isArray(x) && x.every(isTokenId))) {
    return input.map((x, i) => {
      if ((x as number[]).length === 0) throw new BadUserInputError(`input[${i}] must not be empty`, 'input');
      return x as number[];
    });
  }
  throw new BadUserInputError(EXPECTED, 'input');
}

function nonEmpty(text: string, i: number): string {
  if (text.length === 0) throw new BadUserInputError(`input[${i}] must not be an empty string`, 'input');
  return text;
}

function single(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
