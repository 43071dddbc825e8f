import type { Balance, LedgerEvents } from '../ledger/index.js';
import { creditsUsdText } from './mail.format.js';
import type { MailService } from './mail.service.js';
import { lowBalanceMail } from './mail.templates.js';

/**
 * The ledger's after-commit events, passed on unchanged, with a low-balance notice mailed on each
 * downward crossing of the threshold (the ledger says so once per crossing). In process, on the
 * replica that committed the change, so one crossing is one mail however many replicas run.
 */
export function mailOnLowBalance(inner: LedgerEvents, mail: MailService, opts: { publicUrl: string; creditUsdMicro: bigint }): LedgerEvents {
  return {
    balanceChanged: (balance) => inner.balanceChanged(balance),
    lowBalance: (balance: Balance) => {
      inner.lowBalance(balance);
      const notice = lowBalanceMail({
        balanceMicro: balance.balance,
        thresholdMicro: balance.lowBalanceThreshold,
        dollars: creditsUsdText(balance.balance < 0n ? 0n : balance.balance, opts.creditUsdMicro),
        publicUrl: opts.publicUrl,
      });
      // Not awaited: the ledger's caller (a completion's settle) must not wait for SMTP; send() never throws.
      void mail.sendToUser(balance.userId, notice);
    },
  };
}
