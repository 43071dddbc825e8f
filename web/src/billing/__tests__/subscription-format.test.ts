import { describe, expect, it } from 'vitest';
import {
  changeChoices,
  changeDirection,
  changeWording,
  isLive,
  isPastDue,
  subscriptionActions,
  subscriptionOutlook,
  subscriptionStatus,
  type SubscriptionView,
} from '../subscription-format';

const tiers = [{ code: 'free' }, { code: 'starter' }, { code: 'pro' }, { code: 'enterprise' }];
const sub = (over: Partial<SubscriptionView> = {}): SubscriptionView => ({
  status: 'ACTIVE',
  currentPeriodEnd: '2027-01-04T12:00:00.000Z',
  cancelAtPeriodEnd: false,
  tier: { code: 'starter', name: 'Starter' },
  pendingTier: null,
  ...over,
});
const date = (iso: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));

describe('subscription status', () => {
  it('labels every contract status, and passes unknown ones through', () => {
    expect(subscriptionStatus('ACTIVE')).toEqual({ label: 'Active', tone: 'ok' });
    expect(subscriptionStatus('PAST_DUE')).toEqual({ label: 'Past due', tone: 'bad' });
    expect(subscriptionStatus('INCOMPLETE').tone).toBe('pending');
    expect(subscriptionStatus('TRIALING').tone).toBe('ok');
    expect(subscriptionStatus('CANCELED').tone).toBe('neutral');
    expect(subscriptionStatus('PAUSED')).toEqual({ label: 'PAUSED', tone: 'neutral' });
  });

  it('treats a canceled subscription as none, and flags past due', () => {
    expect(isLive(null)).toBe(false);
    expect(isLive(sub({ status: 'CANCELED' }))).toBe(false);
    expect(isLive(sub({ status: 'PAST_DUE' }))).toBe(true);
    expect(isPastDue(sub({ status: 'PAST_DUE' }))).toBe(true);
    expect(isPastDue(sub())).toBe(false);
    expect(isPastDue(null)).toBe(false);
  });
});

describe('subscriptionActions', () => {
  it('offers subscribe only without a live subscription', () => {
    expect(subscriptionActions(null)).toEqual({ subscribe: true, change: false, cancel: false, resume: false, portal: false });
    expect(subscriptionActions(sub({ status: 'CANCELED' })).subscribe).toBe(true);
  });

  it('offers change and cancel on a running one, resume once it is set to end', () => {
    expect(subscriptionActions(sub())).toEqual({ subscribe: false, change: true, cancel: true, resume: false, portal: true });
    expect(subscriptionActions(sub({ status: 'PAST_DUE' })).change).toBe(true);
    expect(subscriptionActions(sub({ cancelAtPeriodEnd: true }))).toEqual({ subscribe: false, change: false, cancel: false, resume: true, portal: true });
  });

  it('waits for an incomplete one to be paid before changing it', () => {
    expect(subscriptionActions(sub({ status: 'INCOMPLETE' }))).toEqual({ subscribe: false, change: false, cancel: false, resume: false, portal: true });
  });
});

describe('subscriptionOutlook', () => {
  const end = date('2027-01-04T12:00:00.000Z');
  it('says what happens at the period end', () => {
    expect(subscriptionOutlook(sub(), 'en-GB', 'UTC')).toBe(`Renews on ${end}.`);
    expect(subscriptionOutlook(sub({ cancelAtPeriodEnd: true }), 'en-GB', 'UTC')).toBe(`Ends on ${end}; you keep Starter and its credits until then.`);
    expect(subscriptionOutlook(sub({ pendingTier: { code: 'free', name: 'Free' } }), 'en-GB', 'UTC')).toBe(`Changes to Free on ${end}.`);
    expect(subscriptionOutlook(sub({ currentPeriodEnd: null }))).toBe('Renews monthly.');
  });

  it('explains past due and incomplete', () => {
    expect(subscriptionOutlook(sub({ status: 'PAST_DUE' }))).toMatch(/last payment failed/);
    expect(subscriptionOutlook(sub({ status: 'INCOMPLETE' }))).toMatch(/first payment/);
  });
});

describe('changes', () => {
  it('orders tiers by the API order', () => {
    expect(changeDirection('starter', 'pro', tiers)).toBe('upgrade');
    expect(changeDirection('enterprise', 'starter', tiers)).toBe('downgrade');
    expect(changeDirection('pro', 'pro', tiers)).toBe('keep');
  });

  it('offers the current tier back only to undo a scheduled downgrade', () => {
    const paid = [{ code: 'starter' }, { code: 'pro' }, { code: 'enterprise' }];
    expect(changeChoices(paid, sub({ tier: { code: 'pro', name: 'Pro' } })).map((t) => t.code)).toEqual(['starter', 'enterprise']);
    expect(changeChoices(paid, sub({ tier: { code: 'pro', name: 'Pro' }, pendingTier: { code: 'starter', name: 'Starter' } })).map((t) => t.code)).toEqual([
      'starter',
      'pro',
      'enterprise',
    ]);
  });

  it('words an upgrade (now, prorated), a downgrade (at the period end) and keeping the tier', () => {
    expect(changeWording('upgrade', 'Pro', null).question).toMatch(/^Upgrade to Pro now\? You pay the prorated difference/);
    expect(changeWording('upgrade', 'Pro', null).confirm).toBe('Upgrade now');
    expect(changeWording('downgrade', 'Starter', null)).toEqual({
      title: 'Move to Starter',
      confirm: 'Schedule the change',
      question: 'Move to Starter at the end of this period? You keep your current tier and its credits until then.',
    });
    expect(changeWording('keep', 'Pro', null).question).toBe('Stay on Pro and drop the change scheduled for the end of this period?');
  });
});
