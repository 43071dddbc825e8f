import type { AppPubSub } from '../../platform/pubsub.js';
import type { Logger } from '../../platform/logger.js';
import type { LedgerEvents } from './ledger.service.js';
import { toPayload } from './ledger.mappers.js';

export const balanceTopic = (userId: string) => `balanceChanged:${userId}`;
export const lowBalanceTopic = (userId: string) => `lowBalance:${userId}`;

/**
 * Ledger events onto the pub/sub backplane (Redis across replicas), after commit. Best-effort: the
 * change is committed already; a subscriber that misses it reads the balance again. A failed
 * publish is handled in one place, the event target's `dispatchEvent` (redis-events.ts: logged and
 * counted as an outage, never thrown); LedgerService.publish only guards the commit path against
 * any other LedgerEvents implementation.
 */
export function pubSubLedgerEvents(pubSub: AppPubSub, log: Logger): LedgerEvents {
  const publish = (topic: string, balance: Parameters<typeof toPayload>[0]) => pubSub.publish(topic, toPayload(balance));
  return {
    balanceChanged: (balance) => publish(balanceTopic(balance.userId), balance),
    lowBalance: (balance) => {
      log.info({ userId: balance.userId, balance: balance.balance.toString(), threshold: balance.lowBalanceThreshold.toString() }, 'low balance alert');
      publish(lowBalanceTopic(balance.userId), balance);
    },
  };
}
