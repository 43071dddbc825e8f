import type { BillingContext } from './billing.module.js';
import { debtSettlement } from './debt.settlement.js';
import { DebtStore } from './debt.store.js';
import { FeeRecorder } from './fee.recorder.js';
import { registerFeeHandlers } from './fee.webhooks.js';
import { PaymentClawbacks } from './refund.clawback.js';
import { registerRefundHandlers } from './refund.webhooks.js';

/**
 * Refunds, disputes, debt and fees (docs/decisions/0018-refunds-disputes-debt.md): the charge
 * webhooks, and the paid-grant hook that settles a debt from the user's next purchase.
 */
export function createRefunds(ctx: BillingContext) {
  const debts = new DebtStore(ctx.sql);
  const clawbacks = new PaymentClawbacks(ctx.ledger, debts);
  const fees = new FeeRecorder(ctx.stripe);
  registerRefundHandlers(ctx.handlers, { stripe: ctx.stripe, clawbacks, fees });
  registerFeeHandlers(ctx.handlers, { stripe: ctx.stripe, fees });
  ctx.paidGrants.add(debtSettlement(ctx.ledger, debts));
  return { debts };
}
