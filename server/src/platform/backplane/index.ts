import type { Logger } from '../logger.js';
import type { Backplane } from './backplane.js';
import { createMemoryBackplane } from './memory.js';
import { createRedisBackplane } from './redis.js';

export { BackplaneUnavailableError, type Backplane, type ConsumeAllResult, type RateLimitResult, type RateLimitRule } from './backplane.js';

export interface BackplaneConfig {
  /** Unset: the in-process backplane (one replica only). */
  redisUrl?: string;
  keyPrefix?: string;
  commandTimeoutMs?: number;
  log: Logger;
}

export function createBackplane({ redisUrl, ...options }: BackplaneConfig): Promise<Backplane> {
  return redisUrl ? createRedisBackplane(redisUrl, options) : Promise.resolve(createMemoryBackplane());
}
