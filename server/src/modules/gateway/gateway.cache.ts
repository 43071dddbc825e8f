import { createHash } from 'node:crypto';
import type { ChatMessage } from '@tollgate/shared';
import type { Backplane } from '../../platform/backplane/index.js';
import { BadUserInputError } from '../../platform/errors.js';
import { completionMetrics } from '../../platform/metrics/index.js';

export const DEFAULT_CACHE_TTL_SECONDS = 3600;
const MAX_CACHE_TTL_SECONDS = 7 * 24 * 3600;

export interface CachedAnswer {
  model: string;
  content: string;
  usage: { inputTokens: number; outputTokens: number };
}

export interface CacheRequest {
  userId: string;
  model: string;
  messages: ChatMessage[];
  maxTokens: number;
  temperature: number | null;
}

/**
 * The response cache. The key is SHA-256 of the normalised request (model, every message, every
 * parameter that changes the answer) and the account, so one tenant is never served another's answer.
 * Best effort: with Redis away the backplane answers a miss and skips the store, so neither ever
 * fails a call, before its hold or after its settle (docs/decisions/0011-backplane-outage.md).
 */
export class ResponseCache {
  constructor(private readonly backplane: Backplane) {}

  key(r: CacheRequest): string {
    const normalised = JSON.stringify([r.userId, r.model, r.messages.map((m) => [m.role, m.content]), r.maxTokens, r.temperature]);
    return `completion:${createHash('sha256').update(normalised).digest('hex')}`;
  }

  async get(key: string): Promise<CachedAnswer | null> {
    const text = await this.backplane.cacheGet(key);
    completionMetrics.cacheLookup(Boolean(text));
    return text ? (JSON.parse(text) as CachedAnswer) : null;
  }

  async put(key: string, answer: CachedAnswer, ttlSeconds: number): Promise<void> {
    await this.backplane.cacheSet(key, JSON.stringify(answer), ttlSeconds);
  }
}

export function validTtl(ttl: number | null | undefined): number {
  if (ttl === null || ttl === undefined) return DEFAULT_CACHE_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_CACHE_TTL_SECONDS) {
    throw new BadUserInputError(`cacheTtlSeconds must be 1 to ${MAX_CACHE_TTL_SECONDS}`, 'cacheTtlSeconds');
  }
  return ttl;
}
