import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { createLoaders } from './loaders.js';
import { createBackplane, type Backplane } from './platform/backplane/index.js';
import type { Config } from './platform/config.js';
import type { RequestContext } from './platform/context.js';
import { connectDatabase, migrate, ormConnectionPool, type Orm } from './platform/db.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './platform/embedded-postgres.js';
import { createFormatError } from './platform/errors.js';
import { inputPlugin, literalInputRule } from './platform/graphql-input.js';
import { complexityPlugin, depthRule } from './platform/graphql-limits.js';
import { boundedDocumentStore } from './platform/document-cache.js';
import type { Logger } from './platform/logger.js';
import { requestLogger } from './platform/request-log.js';
import { graphqlMetricsPlugin, httpMetrics, metricsRouter, ormPoolStats, registerPoolGauges } from './platform/metrics/index.js';
import { resolveSecrets } from './platform/secrets.js';
import { securityHeaders } from './platform/security-headers.js';
import { spaRouter } from './platform/spa.js';
import { refuseUnstorableGraphQL, refuseUnstorableInput } from './platform/unstorable.js';
import { attachWebSocket, newRequestId } from './platform/websocket.js';
import { buildAppSchema } from './schema.js';
import { createAppPubSub } from './platform/pubsub.js';
import { UserChanges } from './platform/user-cache.js';
import { isOnlyCompletion } from './modules/gateway/completion-request.js';
import { createServices, type Services } from './services.js';
import type { Clock } from './platform/clock.js';
import { startSweeper } from './modules/ledger/ledger.sweeper.js';
import { seedCatalog } from './modules/catalog/catalog.seed.js';
import { SqlPool } from './platform/sql.js';
import { openAiCompatRouter, openAiErrorHandler } from './modules/gateway/openai-compat/router.js';
import { anthropicCompatRouter, anthropicErrorHandler } from './modules/gateway/anthropic-compat/router.js';
import { embeddingsRouter } from './modules/gateway/embeddings/embeddings.router.js';
import type { Billing } from './modules/billing/billing.module.js';
import { actingAccount } from './modules/auth/index.js';

export interface App {
  httpServer: Server;
  orm: Orm;
  services: Services;
  billing: Billing;
  backplane: Backplane;
  sql: SqlPool;
  /** Resolves with the bound port. */
  listen(): Promise<number>;
  /** Graceful: stop accepting, drain in-flight requests, then close PostgreSQL and Redis. */
  stop(): Promise<void>;
}

const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
/** Past SHUTDOWN_GRACE_MS, how long aborted completions get to release their holds. */
const SHUTDOWN_ABORT_MS = 3_000;
/** How long stop() may run past SHUTDOWN_GRACE_MS (aborted completions, then closing the pool): index.ts's force-exit waits this much more. */
export const SHUTDOWN_OVERRUN_MS = SHUTDOWN_ABORT_MS + 4_000;

export async function createApp(config: Config, log: Logger, options: { clock?: Clock; syncStripeOnStart?: boolean } = {}): Promise<App> {
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(config.dataDir, config.EMBEDDED_PG_PORT, log);
    databaseUrl = embedded.url;
  }
  const orm = await connectDatabase(databaseUrl, log, { poolMax: config.DATABASE_POOL_MAX });
  await migrate(orm, databaseUrl, log);
  // Named SQL runs on the ORM's pool: one pool per process (platform/sql.ts).
  const sql = new SqlPool(ormConnectionPool(orm));
  const untrackPool = registerPoolGauges(() => ormPoolStats(orm));
  const backplane = await createBackplane({
    redisUrl: config.REDIS_URL,
    keyPrefix: config.REDIS_KEY_PREFIX,
    commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
    log,
  });
  const pubSub = createAppPubSub(backplane.eventTarget);
  const secrets = resolveSecrets(config, log);
  // Hears users' tier and provider-key changes (a LISTEN connection of its own) for the caches built on them.
  const userChanges = new UserChanges(databaseUrl, log);
  await userChanges.start();
  const services = createServices({ config, orm, backplane, secrets, log, sql, pubSub, clock: options.clock, userChanges });
  await seedCatalog(sql);
  await services.catalogSnapshot.start();
  await services.auth.ensureAdmin(secrets.admin);
  const billing = services.billing;
  // In the background, never awaited: Stripe being slow or down must neither keep Tollgate from
  // starting nor hold up its shutdown; the sync is idempotent, so the next start or `pnpm stripe:sync` completes it.
  if (billing.stripe && options.syncStripeOnStart !== false) {
    billing.syncCatalog().catch((err) => log.warn({ err }, 'stripe catalog sync failed; run `pnpm stripe:sync` once Stripe is reachable'));
  }
  // Lapsed holds are swept every third of a lease too, so a dead process's holds come back within a minute.
  const sweeper = startSweeper(services.ledger, config.LEDGER_SWEEP_SECONDS, log, Math.ceil(config.HOLD_LEASE_SECONDS / 3));
  // API keys' last use is written by a timer, not by the requests (docs/decisions/0034-principal-cache.md).
  services.apiKeyUsage.start();
  services.principals.start();

  const schema = await buildAppSchema(pubSub);
  const formatError = createFormatError((err) => log.error({ err }, 'unexpected error while serving a request'));

  const buildContext = async (
    authorization: string | undefined,
    ip: string,
    requestLog: Logger,
    requestId: string,
    deferVersion = false,
    account?: string,
  ): Promise<RequestContext> => {
    const em = orm.em.fork();
    const { principal, error } = await services.authenticator.authenticate(authorization, { deferVersion, account });
    return { requestId, log: requestLog, em, loaders: createLoaders(em, sql), principal, authError: error, ip, services };
  };

  const app = express();
  const httpServer = createServer(app);
  app.disable('x-powered-by');
  // No ETag on res.json/res.send (a hash of every body, each completion's included; no client revalidates
  // JSON). Static files (platform/spa.ts) keep theirs: express.static sets its own.
  app.set('etag', false);
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(httpMetrics());
  app.use(requestLogger(log));
  app.use(securityHeaders());
  // The OpenAI-compatible API; its own error handler answers body errors in OpenAI's shape. First of
  // the routes: a completion passes no other router (its JSON parser only ever sees /v1 bodies).
  app.use('/v1/embeddings', express.json({ limit: config.BODY_LIMIT }), embeddingsRouter({ services, log }), openAiErrorHandler(log));
  app.use('/v1/messages', express.json({ limit: config.BODY_LIMIT }), anthropicCompatRouter({ services, log }), anthropicErrorHandler(log));
  app.use('/v1', express.json({ limit: config.BODY_LIMIT }), openAiCompatRouter({ services, log }), openAiErrorHandler(log));
  // Before any JSON parser: the webhook's signature covers its raw bytes.
  app.use(billing.webhookRouter());
  app.use(billing.testCheckoutRouter());

  let draining = false;
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (draining) return void res.status(503).json({ status: 'draining' });
    try {
      await orm.em.getConnection().execute('select 1');
      await backplane.ping();
      res.json({ status: 'ready', database: 'ok', backplane: backplane.kind });
    } catch (err) {
      // debug: every probe would log it; the backplane already logs an outage once per transition.
      log.debug({ err }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable' });
    }
  });

  // Prometheus text; a bearer token or off in production (docs/decisions/0040-metrics.md).
  app.use(metricsRouter({ token: config.METRICS_TOKEN, production: config.NODE_ENV === 'production' }));

  const ws = attachWebSocket(httpServer, {
    schema,
    path: '/graphql',
    maxDepth: config.MAX_QUERY_DEPTH,
    maxComplexity: config.MAX_QUERY_COMPLEXITY,
    formatError,
    context: (authorization, ip, account) => buildContext(authorization, ip, log, newRequestId(), false, account),
  });

  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    validationRules: [literalInputRule, depthRule(config.MAX_QUERY_DEPTH)],
    // Apollo's default weighs documents by their JSON, not the source text they keep (document-cache.ts).
    documentStore: boundedDocumentStore(),
    introspection: true,
    // index.ts owns the signals: Apollo's own handler would race app.stop() and leave it waiting.
    stopOnTerminationSignals: false,
    plugins: [
      // Leave a fifth of the grace for closing WebSockets, PostgreSQL and Redis after the drain.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: Math.floor(config.SHUTDOWN_GRACE_MS * 0.8) }),
      // No operation or a subscription (input); bad variables or too complex (complexity). Independent: Apollo runs both hooks at once.
      inputPlugin(schema),
      complexityPlugin(schema, config.MAX_QUERY_COMPLEXITY),
      graphqlMetricsPlugin(),
      // Apollo's landing page loads scripts from Apollo's CDN: not something to serve users in production.
      ...(config.NODE_ENV === 'production' ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  app.use(
    '/graphql',
    express.json({ limit: config.BODY_LIMIT }),
    refuseUnstorableInput(refuseUnstorableGraphQL),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        buildContext(req.headers.authorization, req.ip ?? 'unknown', req.log, String(req.id), isOnlyCompletion(req.body), actingAccount(req.headers)),
    }),
  );
  app.use(spaRouter(config.WEB_DIST_DIR ?? DEFAULT_WEB_DIST));
  app.use(jsonErrors(log));

  let stopped: Promise<void> | undefined;
  return {
    httpServer,
    orm,
    services,
    billing,
    backplane,
    sql,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.PORT, config.HOST, () => resolve((httpServer.address() as AddressInfo).port));
      }),
    stop: () =>
      (stopped ??= (async () => {
        const started = Date.now();
        draining = true;
        await sweeper.stop();
        services.catalogSnapshot.stop();
        await ws.close();
        // The drain plugin closes the listener and waits (up to its grace) for in-flight requests.
        await apollo.stop();
        if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        // Completions outlive their requests (a stream whose client hung up still settles): wait for
        // each to settle or release its hold, up to the grace, before the pool they need closes.
        const drained = await services.gateway.drain(config.SHUTDOWN_GRACE_MS - (Date.now() - started), SHUTDOWN_ABORT_MS);
        if (drained.aborted > 0) log.warn(drained, 'shutdown grace passed with completions in flight; they were aborted');
        services.principals.stop();
        await userChanges.stop();
        await services.apiKeyUsage.stop();
        await sql.close(); // marks the shared pool ending (background timers stop on it) ...
        untrackPool();
        await orm.close(true); // ... and the ORM closes its connections, once
        await backplane.close();
        await embedded?.stop();
      })()),
  };
}

/** Errors outside GraphQL (a body too large, malformed JSON) answer JSON with a contract code. */
function jsonErrors(log: Logger): express.ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const status = typeof err?.status === 'number' ? err.status : 500;
    if (status >= 500) log.error({ err }, 'unhandled HTTP error');
    const code = status === 413 || (status >= 400 && status < 500) ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR';
    const message = status === 413 ? 'Request body is too large' : status < 500 ? 'Malformed request' : 'Internal server error';
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
