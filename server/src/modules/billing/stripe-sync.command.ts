import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { createApp } from '../../app.js';
import { ConfigError, loadConfig } from '../../platform/config.js';
import { createLogger } from '../../platform/logger.js';

/**
 * `pnpm stripe:sync`: creates or finds the Stripe product and price of every credit package and paid
 * tier, then exits. It opens the database as the server does (migrated and seeded, not listening),
 * so it reads exactly the catalog the server sells. With the embedded database, stop the server first
 * (two processes cannot share its data folder); with DATABASE_URL it runs beside a live server.
 */
const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../../.data', import.meta.url));

async function main(): Promise<number> {
  const config = loadConfig(process.env, { dataDir: DEFAULT_DATA_DIR });
  const log = createLogger(config.LOG_LEVEL);
  if (!config.STRIPE_SECRET_KEY) {
    process.stderr.write('stripe:sync: STRIPE_SECRET_KEY is not set; there is no Stripe account to sync to\n');
    return 78;
  }
  const app = await createApp(config, log, { syncStripeOnStart: false });
  try {
    const synced = await app.billing.syncCatalog();
    for (const s of synced) process.stdout.write(`${s.action.padEnd(9)} ${s.lookupKey} → ${s.productId} ${s.priceId}\n`);
    return 0;
  } finally {
    await app.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`stripe:sync: ${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
