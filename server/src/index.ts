import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { createApp, SHUTDOWN_OVERRUN_MS } from './app.js';
import { ConfigError, loadConfig } from './platform/config.js';
import { createLogger } from './platform/logger.js';

const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../.data', import.meta.url));

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, { dataDir: DEFAULT_DATA_DIR });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`tollgate: ${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL);
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping || !app) return;
    stopping = true;
    log.info({ signal }, 'shutting down: draining in-flight requests');
    // app.stop() bounds itself (the grace for in-flight calls, then a little to release and close):
    // this is only the backstop, and must not cut short holds being settled or released.
    const force = setTimeout(() => {
      log.error('shutdown grace period passed; exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS + SHUTDOWN_OVERRUN_MS);
    force.unref();
    app.stop().then(
      () => {
        log.info('shut down cleanly');
        process.exit(0);
      },
      (err) => {
        log.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  // Installed before anything starts (migrations, seed, Redis), so they cover startup too.
  // Node's default for both is to die at once, dropping every call in flight (docs/decisions/0011).
  // A stray rejection is one failed operation, not a broken process: log it loudly and keep serving.
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection (still serving)'));
  // After an uncaught exception the process state is unknown: drain and stop as on SIGTERM, but exit 1.
  // Before the app exists there is nothing to drain: log it and exit 1.
  process.on('uncaughtException', (err) => {
    if (!app) {
      log.fatal({ err }, 'uncaught exception while starting: exiting');
      process.exit(1);
    }
    log.fatal({ err }, 'uncaught exception: shutting down');
    process.once('exit', () => void (process.exitCode = 1));
    shutdown('uncaughtException');
  });

  const started = Date.now();
  app = await createApp(config, log);
  const port = await app.listen();
  log.info({ port, ms: Date.now() - started, url: `http://localhost:${port}` }, 'Tollgate is ready');
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`tollgate: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
