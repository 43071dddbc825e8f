import type { Backplane } from './backplane.js';
import { createMemoryBackplane } from './memory.js';
import { createRedisBackplane } from './redis.js';

export type { Backplane, RateLimitResult, RateLimitRule } from './backplane.js';

export function createBackplane(redisUrl: string | undefined, keyPrefix?: string): Promise<Backplane> {
  return redisUrl ? createRedisBackplane(redisUrl, { keyPrefix }) : Promise.resolve(createMemoryBackplane());
}
