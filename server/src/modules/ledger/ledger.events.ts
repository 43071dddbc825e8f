import type { AppPubSub } from '../../schema.js';
import type { Logger } from '../../platform/logger.js';
import type { LedgerEvents } from './ledger.service.js';
import { toPayload } from './ledger.mappers.js';

export const balanceTopic = (userId: string) => `balanceChanged:${userId}`;
export const lowBalanceTopic = (userId: string) => `lowBalance:${userId}`;

/** Ledger events onto the pub/sub backplane (Redis across replicas), after commit. */
export function pubSubLedgerEvents(pubSub: AppPubSub, log: Logger): LedgerEvents {
  return {
    balanceChanged: (balance) => pubSub.publish(balanceTopic(balance.userId), toPayload(balance)),
    lowBalance: (balance) => {
      log.info({ userId: balance.userId, balance: balance.balance.toString(), threshold: balance.lowBalanceThreshold.toString() }, 'low balance alert');
      pubSub.publish(lowBalanceTopic(balance.userId), toPayload(balance));
    },
  };
}
