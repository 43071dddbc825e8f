import type { Logger } from '../../platform/logger.js';
import type { AppPubSub } from '../../platform/pubsub.js';
import type { AllowanceKind, UsageWarningEvent } from './usage.alerts.js';

export const usageWarningTopic = (userId: string) => `usageWarning:${userId}`;

/** What travels through pub/sub (JSON: no bigint), and back. */
export interface UsageWarningPayload {
  kind: AllowanceKind;
  month: string;
  used: string;
  limit: string;
  percent: number;
}

/** Usage warnings onto the pub/sub backplane (Redis across replicas), like the ledger's balanceChanged. */
export function pubSubUsageWarnings(pubSub: AppPubSub, log: Logger): (warning: UsageWarningEvent) => void {
  return (w) => {
    log.info({ userId: w.userId, kind: w.kind, used: w.used.toString(), limit: w.limit.toString() }, 'usage allowance warning');
    const payload: UsageWarningPayload = { kind: w.kind, month: w.month, used: w.used.toString(), limit: w.limit.toString(), percent: w.percent };
    pubSub.publish(usageWarningTopic(w.userId), payload);
  };
}
