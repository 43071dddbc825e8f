import { describe, expect, it } from 'vitest';
import { checkoutPhase, findCheckoutPayment, isSettled, phaseHeading, pollIntervalMs } from '../checkout-progress';

const payment = (id: string, status: string, checkoutSessionId?: string | null, kind = 'PACKAGE', packageCode: string | null = 'popular-pack') => ({
  id,
  status,
  kind,
  packageCode,
  createdAt: '2026-12-04T10:00:00.000Z',
  checkoutSessionId,
});

describe('checkoutPhase', () => {
  it('follows a payment from nothing through pending to paid', () => {
    expect(checkoutPhase(undefined)).toBe('looking');
    expect(checkoutPhase({ status: 'PENDING' })).toBe('pending');
    expect(checkoutPhase({ status: 'PAID' })).toBe('paid');
  });

  it('names the endings that grant nothing, and a later reversal', () => {
    expect(checkoutPhase({ status: 'FAILED' })).toBe('failed');
    expect(checkoutPhase({ status: 'CANCELED' })).toBe('canceled');
    expect(checkoutPhase({ status: 'REFUNDED' })).toBe('reversed');
    expect(checkoutPhase({ status: 'DISPUTED' })).toBe('reversed');
  });

  it('keeps watching a status newer than this build', () => {
    expect(checkoutPhase({ status: 'REQUIRES_ACTION' })).toBe('pending');
  });
});

describe('polling', () => {
  it('polls only while the payment is open, slower after the first minute', () => {
    expect(pollIntervalMs('looking', 0)).toBe(3_000);
    expect(pollIntervalMs('pending', 59_999)).toBe(3_000);
    expect(pollIntervalMs('pending', 60_000)).toBe(15_000);
    for (const phase of ['paid', 'failed', 'canceled', 'reversed'] as const) {
      expect(isSettled(phase)).toBe(true);
      expect(pollIntervalMs(phase, 0)).toBe(0);
    }
    expect(isSettled('pending')).toBe(false);
  });

  it('has a heading for every phase', () => {
    expect(phaseHeading('pending')).toMatch(/pending/i);
    expect(phaseHeading('paid')).toBe('Payment received');
  });
});

describe('findCheckoutPayment', () => {
  it('matches the session id when the payments carry one', () => {
    const nodes = [payment('p2', 'PENDING', 'cs_2'), payment('p1', 'PAID', 'cs_1')];
    expect(findCheckoutPayment(nodes, 'cs_1')?.id).toBe('p1');
    expect(findCheckoutPayment(nodes, 'cs_other')).toBeUndefined();
  });

  it('takes the newest payment when they do not', () => {
    const nodes = [payment('p2', 'PENDING'), payment('p1', 'PAID')];
    expect(findCheckoutPayment(nodes, 'cs_1')?.id).toBe('p2');
    expect(findCheckoutPayment([], 'cs_1')).toBeUndefined();
  });

  it('takes the newest payment of what was bought when this browser remembers it', () => {
    const nodes = [
      payment('p3', 'PAID', undefined, 'PACKAGE', 'starter-pack'),
      payment('p2', 'PENDING', undefined, 'SUBSCRIPTION', null),
      payment('p1', 'PAID'),
    ];
    expect(findCheckoutPayment(nodes, 'cs', { kind: 'package', packageCode: 'popular-pack' })?.id).toBe('p1');
    expect(findCheckoutPayment(nodes, 'cs', { kind: 'subscription', tierCode: 'pro' })?.id).toBe('p2');
    // A subscription whose first invoice has not arrived yet: no older package payment stands in for it.
    expect(findCheckoutPayment([payment('p1', 'PAID')], 'cs', { kind: 'subscription', tierCode: 'pro' })).toBeUndefined();
  });

  it('finds a subscription checkout by kind among package payments that name their own checkouts', () => {
    const nodes = [payment('p2', 'PAID', null, 'SUBSCRIPTION', null), payment('p1', 'PAID', 'cs_pkg')];
    expect(findCheckoutPayment(nodes, 'cs_sub', { kind: 'subscription', tierCode: 'pro' })?.id).toBe('p2');
    expect(findCheckoutPayment(nodes, 'cs_sub', { kind: 'package', packageCode: 'popular-pack' })).toBeUndefined();
  });
});
