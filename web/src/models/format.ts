/**
 * Catalog figures for reading. Prices arrive as the API's exact decimal strings ("2.5", "0.075");
 * they are reformatted as text, never through a float, so "$0.075" stays "$0.075".
 */

/** A USD string as money: at least 2 decimals, none dropped ("2.5" → "$2.50", "0.075" → "$0.075"). */
export function displayUsd(usd: string): string {
  const [whole = '0', fraction = ''] = usd.trim().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `$${grouped}.${fraction.replace(/0+$/, '').padEnd(2, '0')}`;
}

/** A whole number with thousands separators, the same everywhere ("2,048"). */
export function displayCount(count: number): string {
  return count.toLocaleString('en-US');
}

/**
 * A token count in short form, rounded down: 128000 → "128K", 16385 → "16K", 1048576 → "1M"
 * (context windows of 2^20 tokens are called "1M" by their providers), 1500000 → "1.5M".
 */
export function displayTokens(count: number): string {
  const MEBI = 1_048_576;
  if (count >= MEBI && count % MEBI === 0) return `${count / MEBI}M`;
  if (count >= 1_000_000) return `${Math.floor(count / 100_000) / 10}M`;
  if (count >= 1_000) return `${Math.floor(count / 1_000)}K`;
  return String(count);
}

/** Basis points as a percentage: 1000 → "10%", 250 → "2.5%", 0 → "0%". */
export function displayBps(bps: number): string {
  const whole = Math.floor(bps / 100);
  const fraction = String(bps % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}%` : `${whole}%`;
}
