import type { PaymentRecord } from './billing.store.js';
import type { Payment, PaymentConnection } from './billing.types.js';

/** Integer cents as a USD decimal string (`1500` → `"15.00"`). */
export const usd = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

export function toPayment(p: PaymentRecord): Payment {
  return {
    id: p.id,
    kind: p.kind,
    status: p.status,
    amountUsd: usd(p.amountCents),
    currency: p.currency,
    credits: p.credits + p.bonusCredits,
    bonusCredits: p.bonusCredits,
    creditsGranted: p.creditsGranted,
    packageCode: p.packageCode,
    checkoutSessionId: p.kind === 'package' ? p.checkoutSessionId : null,
    testMode: p.testMode,
    receiptUrl: p.receiptUrl,
    feeUsd: p.feeCents === null ? null : usd(p.feeCents),
    refundedUsd: usd(p.amountRefundedCents),
    createdAt: p.createdAt,
    paidAt: p.paidAt,
  };
}

export function toPaymentConnection(page: { nodes: PaymentRecord[]; hasNextPage: boolean; totalCount: number }): PaymentConnection {
  const last = page.nodes[page.nodes.length - 1];
  return {
    nodes: page.nodes.map(toPayment),
    pageInfo: { endCursor: last ? last.seq.toString() : null, hasNextPage: page.hasNextPage },
    totalCount: page.totalCount,
  };
}
