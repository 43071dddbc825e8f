import { describe, expect, it } from 'vitest';
import { centsText, creditsText, creditsUsdText } from '../mail.format.js';
import { giftMail, lowBalanceMail } from '../mail.templates.js';

const C = 1_000_000n;

describe('amounts in mail', () => {
  it('shows credits with two decimals, rounded toward zero, grouped', () => {
    expect(creditsText(0n)).toBe('0.00 credits');
    expect(creditsText(9_995_485n)).toBe('9.99 credits');
    expect(creditsText(4_999_999n)).toBe('4.99 credits');
    expect(creditsText(1_234_567n * C + 500_000n)).toBe('1,234,567.50 credits');
    expect(creditsText(-1_500_000n)).toBe('-1.50 credits');
  });

  it('shows dollars from credits at CREDIT_USD, rounded down to the cent, and cents in their currency', () => {
    expect(creditsUsdText(4n * C, 10_000n)).toBe('$0.04'); // 0.01 USD per credit
    expect(creditsUsdText(999n * C + 999_999n, 10_000n)).toBe('$9.99');
    expect(creditsUsdText(3n * C, 1_500_000n)).toBe('$4.50'); // 1.5 USD per credit
    expect(centsText(123456n, 'usd')).toBe('$1,234.56');
    expect(centsText(5n, 'eur')).toBe('0.05 EUR');
  });
});

describe('mail text', () => {
  it('puts every link on a line of its own, whole', () => {
    const low = lowBalanceMail({ balanceMicro: 4n * C, thresholdMicro: 5n * C, dollars: '$0.04', publicUrl: 'https://t.example' });
    const links = low.text.match(/https?:\/\/\S+/g) ?? [];
    expect(links).toEqual(['https://t.example/billing', 'https://t.example/settings/notifications', 'https://t.example']);
    for (const link of links) expect(low.text.split('\n')).toContain(link);
  });

  it('gives a gift to an address without an account its claim link, and an existing user a notice without one', () => {
    const base = { to: 'bob@example.com', senderEmail: 'alice@example.com', creditsMicro: 2_500_000n, message: null, publicUrl: 'https://t.example' };
    const link = giftMail({ ...base, userId: null, claimUrl: 'https://t.example/gifts/claim?token=abc' });
    expect(link).toMatchObject({ kind: 'gift_link', to: 'bob@example.com', userId: null });
    expect(link.text.split('\n')).toContain('https://t.example/gifts/claim?token=abc');
    const notice = giftMail({ ...base, userId: 'u1', claimUrl: null, message: 'Enjoy' });
    expect(notice.text).not.toContain('token=');
    expect(notice.text).toContain('2.50 credits');
    expect(notice.text).toContain('Enjoy');
  });
});
