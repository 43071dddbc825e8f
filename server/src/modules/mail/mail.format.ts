import { MICRO_PER_CREDIT } from '@tollgate/shared';

const grouped = (whole: bigint) => whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * Credits in a mail, for people: two decimals, rounded toward zero once (the mail never says a
 * person has more than they have; the exact amount is on the Usage and Billing screens).
 */
export function creditsText(micro: bigint): string {
  const negative = micro < 0n;
  const hundredths = (negative ? -micro : micro) / (MICRO_PER_CREDIT / 100n);
  const text = `${grouped(hundredths / 100n)}.${(hundredths % 100n).toString().padStart(2, '0')}`;
  return `${negative ? '-' : ''}${text} credits`;
}

/** Dollars a credit amount is worth (CREDIT_USD in micro-dollars per credit), rounded down to the cent. */
export function creditsUsdText(micro: bigint, creditUsdMicro: bigint): string {
  const cents = (micro * creditUsdMicro) / (MICRO_PER_CREDIT * 10_000n);
  return centsText(cents, 'usd');
}

/** An amount in a currency's minor unit: $12.00 for USD, else "12.00 EUR". */
export function centsText(cents: bigint, currency: string): string {
  const abs = cents < 0n ? -cents : cents;
  const text = `${cents < 0n ? '-' : ''}${grouped(abs / 100n)}.${(abs % 100n).toString().padStart(2, '0')}`;
  return currency.toLowerCase() === 'usd' ? `$${text}` : `${text} ${currency.toUpperCase()}`;
}
