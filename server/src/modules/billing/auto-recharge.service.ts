import { BadUserInputError, NotFoundError, PaymentsUnavailableError } from '../../platform/errors.js';
import type { CreditPackage } from '../catalog/index.js';
import { usd } from './billing.mappers.js';
import type { PaymentsMode } from './billing.service.js';
import { savedCard } from './auto-recharge.card.js';
import { parseSettings, type AutoRechargeSettingsInput } from './auto-recharge.input.js';
import type { AutoRechargeRecord, AutoRechargeStore } from './auto-recharge.store.js';
import type { StripeClient } from './stripe.client.js';

export interface AutoRechargeServiceDeps {
  store: AutoRechargeStore;
  packages: () => Promise<CreditPackage[]>;
  mode: () => PaymentsMode;
  stripe: StripeClient | null;
  customerOf: (userId: string) => Promise<string | null>;
  /** Settings changed: the trigger reads them again. */
  changed: (userId: string) => void;
}

/** Reading and saving a user's auto-recharge settings. Every refusal comes before the one write. */
export class AutoRechargeService {
  constructor(private readonly deps: AutoRechargeServiceDeps) {}

  get(userId: string): Promise<AutoRechargeRecord | null> {
    return this.deps.store.get(userId);
  }

  async set(userId: string, input: AutoRechargeSettingsInput): Promise<AutoRechargeRecord> {
    const s = parseSettings(input);
    const mode = this.deps.mode();
    // Turning it off always works, even where payments are off: it can only stop charges.
    if (s.enabled && mode === 'off') {
      throw new PaymentsUnavailableError('Payments are not available: this server has no Stripe account configured and test mode is off');
    }
    const pkg = (await this.deps.packages()).find((p) => p.code === s.packageCode);
    if (!pkg) throw new NotFoundError('Credit package');
    if (s.monthlyLimitCents < pkg.priceCents) {
      throw new BadUserInputError(`monthlyLimitUsd must be at least the package's price (${usd(pkg.priceCents)})`, 'monthlyLimitUsd');
    }
    if (s.enabled && mode === 'stripe' && !(await this.hasSavedCard(userId))) {
      throw new BadUserInputError('There is no saved card to charge: buy a package first to save a card', 'enabled');
    }
    const saved = await this.deps.store.save(userId, s);
    this.deps.changed(userId);
    return saved;
  }

  /** Test mode's card is the test card: always there. With Stripe, the customer needs one saved (auto-recharge.card.ts). */
  private async hasSavedCard(userId: string): Promise<boolean> {
    const customer = await this.deps.customerOf(userId);
    return customer !== null && (await savedCard(this.deps.stripe!, customer)) !== null;
  }
}
