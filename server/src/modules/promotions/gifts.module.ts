import { GiftService } from './gift.service.js';
import type { PromotionsContext } from './promotions.module.js';

/** How often the server returns unclaimed gifts past their 30 days. */
const RETURN_SWEEP_MS = 60_000;

/** Gift credits: the service, and the sweep that returns unclaimed gifts to their senders. */
export function createGifts(ctx: PromotionsContext) {
  const service = new GiftService({ sql: ctx.sql, ledger: ctx.ledger, settings: ctx.settings, publicUrl: ctx.config.PUBLIC_URL, mailer: ctx.mailer });
  // Unref'd, failure-tolerant, and done once the pool closes (shutdown): it must never keep the process alive.
  // Safe on several replicas: each gift is returned under its row lock, and only while still pending.
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    if (ctx.sql.pool.ending) return void (timer && clearInterval(timer));
    service.returnDue().catch((err) => ctx.log.debug({ err }, 'gift return sweep failed'));
  };
  timer = setInterval(tick, RETURN_SWEEP_MS);
  timer.unref();
  return { service, returnDue: () => service.returnDue(), stop: () => timer && clearInterval(timer) };
}
