import type { Logger } from '../../platform/logger.js';
import type { LedgerService } from './ledger.service.js';

/**
 * Runs the ledger sweep every `seconds` on every replica; replicas skip each other's locked
 * accounts, so running it everywhere is safe and needs no leader.
 */
export function startSweeper(ledger: LedgerService, seconds: number, log: Logger): { stop(): void } {
  if (seconds <= 0) return { stop: () => undefined };
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const swept = await ledger.sweep();
      if (swept.accounts > 0) log.info(swept, 'ledger sweep expired grants and released holds');
    } catch (err) {
      log.error({ err }, 'ledger sweep failed');
    } finally {
      running = false;
    }
  }, seconds * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
