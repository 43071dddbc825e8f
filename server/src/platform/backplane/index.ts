import type { Backplane } from './backplane.js';
import { createMemoryBackplane } from './memory.js';
import { createRedisBackplane } from './redis.js';

export type { Backplane, RateLimitResult, RateLimitRule } from './backplane.js';

export function createBackplane(redisUrl: string | undefined): Promise<Backplane> {
  return redisUrl ? createRedisBackplane(redisUrl) : Promise.resolve(createMemoryBackplane());
}
