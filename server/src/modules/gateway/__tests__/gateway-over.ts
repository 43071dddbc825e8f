import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backplane } from '../../../platform/backplane/index.js';
import { loadConfig } from '../../../platform/config.js';
import { createLogger } from '../../../platform/logger.js';
import type { TestApp } from '../../../test-support/app.js';
import type { LedgerService } from '../../ledger/index.js';
import { createGateway } from '../gateway.module.js';
import type { AfterUsage, GatewayService } from '../gateway.service.js';

/**
 * A second gateway on a running test app's own database, pool and services, with one part swapped
 * for a faulty one (a ledger, a backplane, the after-usage hook): for faults that a real process
 * cannot be made to produce on cue, each test saying which part it swaps and why.
 */
export function gatewayOver(t: TestApp, parts: { ledger: LedgerService; backplane?: Backplane; afterUsage?: AfterUsage }): GatewayService {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: t.databaseUrl }, { dataDir: mkdtempSync(join(tmpdir(), 'tollgate-gateway-over-')) });
  const s = t.app.services;
  return createGateway({
    config,
    sql: t.app.sql,
    backplane: parts.backplane ?? t.app.backplane,
    log: createLogger('silent'),
    catalog: s.catalog,
    recommender: s.recommender,
    ledger: parts.ledger,
    usage: s.completionUsage,
    providerKeys: s.providerKeys,
    afterUsage: parts.afterUsage,
  }).gateway;
}
