import { chargeMicroCredits, markupBpsFor } from '@tollgate/shared';
import type { Sql } from '../../platform/sql.js';
import type { Tier } from '../catalog/index.js';
import type { PricingPolicy } from '../catalog/index.js';

/** The services trackUsage meters, and what one unit of each is (seeded by migration 0006). */
export interface ServicePrice {
  service: string;
  unit: string;
  nanoPerUnit: bigint;
  source: string;
}

export class ServicePriceStore {
  constructor(private readonly sql: Sql) {}

  async list(): Promise<ServicePrice[]> {
    const rows = await this.sql.query(`select service, unit, nano_per_unit, source from service_price order by service`);
    return rows.map((r) => ({ service: r.service, unit: r.unit, nanoPerUnit: BigInt(r.nano_per_unit), source: r.source }));
  }

  async find(service: string): Promise<ServicePrice | null> {
    return (await this.list()).find((p) => p.service === service) ?? null;
  }
}

/**
 * The markup on a per-unit service: the tier's own markup when it has one (starter 10%, pro 5%,
 * enterprise 0%), otherwise the standard price class's (10% by default). A service has no price
 * class of its own; standard is the one tier advice also assumes for tiers without an override.
 */
export function serviceMarkupBps(tier: Pick<Tier, 'markupBps'>, policy: Pick<PricingPolicy, 'byClassBps'>): bigint {
  return markupBpsFor({ priceClass: 'standard', tierOverrideBps: tier.markupBps === null ? null : BigInt(tier.markupBps), byClassBps: policy.byClassBps });
}

/** units × price × (1 + markup), converted to micro-credits and rounded up once (shared/src/money.ts). */
export function serviceCharge(
  price: Pick<ServicePrice, 'nanoPerUnit'>,
  units: bigint,
  markupBps: bigint,
  creditUsdMicro: bigint,
): { costNano: bigint; charged: bigint } {
  const costNano = units * price.nanoPerUnit;
  return { costNano, charged: chargeMicroCredits({ costNanoUsd: costNano, markupBps, creditUsdMicro }) };
}

/** Nano-dollars as a plain USD decimal string (`15000` → `"0.000015"`), exact. */
export function nanoToUsd(nano: bigint): string {
  const whole = nano / 1_000_000_000n;
  const fraction = (nano % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}
