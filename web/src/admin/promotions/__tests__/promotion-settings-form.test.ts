import { describe, expect, it } from 'vitest';
import { settingsInput, settingsProblems, settingsValues } from '../promotion-settings-form';

const saved = { giftPaidCreditsOnly: false, referrerBonusCredits: '5.000000', referredBonusCredits: '5.000000', referralBlockSameDomain: false };

describe('promotion settings form', () => {
  it('shows the saved bonuses as plain credits and sends nothing when nothing changed', () => {
    const values = settingsValues(saved);
    expect(values.referrerBonusCredits).toBe('5');
    expect(settingsInput(saved, values)).toEqual({});
    expect(settingsInput(saved, { ...values, referrerBonusCredits: '5.0' })).toEqual({});
  });

  it('sends only what changed, amounts in the API exact form', () => {
    const values = { ...settingsValues(saved), giftPaidCreditsOnly: true, referredBonusCredits: '2.5' };
    expect(settingsInput(saved, values)).toEqual({ giftPaidCreditsOnly: true, referredBonusCredits: '2.500000' });
  });

  it('refuses what the API would: a sign, too many decimals, not a number; zero is allowed', () => {
    const values = settingsValues(saved);
    expect(settingsProblems({ ...values, referrerBonusCredits: '-1' }).referrerBonusCredits).toBeDefined();
    expect(settingsProblems({ ...values, referredBonusCredits: '0.0000001' }).referredBonusCredits).toBeDefined();
    expect(settingsProblems({ ...values, referredBonusCredits: 'five' }).referredBonusCredits).toBeDefined();
    expect(settingsProblems({ ...values, referrerBonusCredits: '0' })).toEqual({});
  });
});
