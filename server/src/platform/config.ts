import { z } from 'zod';

/**
 * All configuration comes from the environment and is validated once, at start. A bad or missing
 * required value throws a ConfigError naming the variable; index.ts prints it and exits non-zero.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const port = z.coerce.number().int().min(0).max(65535);
const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || urlWithProtocol(v, protocols), {
      message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    });

function urlWithProtocol(value: string, protocols: string[]): boolean {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname.length > 0;
  } catch {
    return false;
  }
}

const REDIS_NODES = /^[A-Za-z0-9._-]+:\d{1,5}(,[A-Za-z0-9._-]+:\d{1,5})*$/;
const REDIS_CLUSTER_URL = /^redis-cluster:\/\/([^@/\s]+@)?[A-Za-z0-9._-]+:\d{1,5}(,[A-Za-z0-9._-]+:\d{1,5})*\/?$/;

const creditUsd = z
  .string()
  .regex(/^\d+(\.\d{1,6})?$/, 'must be a positive decimal with at most 6 fraction digits')
  .refine((v) => !/^0+(\.0+)?$/.test(v), 'must be greater than zero');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: port.default(4000),
    HOST: z.string().min(1).default('0.0.0.0'),
    // Express's "trust proxy": which hops may set X-Forwarded-For (the client IP rate limits key on).
    TRUST_PROXY: z
      .string()
      .default('loopback')
      .transform((v): string | number | boolean => (/^\d+$/.test(v) ? Number(v) : v === 'true' ? true : v === 'false' ? false : v)),
    DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
    // The process's one connection pool, shared by the EntityManager and the ledger's named SQL.
    DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(1000).default(20),
    TOLLGATE_DATA_DIR: z.string().min(1).optional(),
    EMBEDDED_PG_PORT: port.default(54329),
    // One Redis (redis://, rediss://) or a Redis Cluster's startup nodes: redis-cluster://[user:password@]host:port,host:port,…
    REDIS_URL: z
      .string()
      .optional()
      .refine((v) => v === undefined || urlWithProtocol(v, ['redis:', 'rediss:']) || REDIS_CLUSTER_URL.test(v), {
        message: 'must be a URL starting with redis:// or rediss://, or redis-cluster://host:port,host:port,…',
      }),
    // The same cluster named by its nodes alone (no password); instead of REDIS_URL, never with it.
    REDIS_CLUSTER_NODES: z.string().regex(REDIS_NODES, 'must be host:port,host:port,…').optional(),
    // Every Redis key and pub/sub channel starts with it: deployments sharing one Redis stay apart.
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1-64 letters, digits or ._:-')
      .default('tollgate:'),
    // A Redis command slower than this counts as failed, so a dead Redis degrades calls instead of stalling them.
    REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    ADMIN_EMAIL: z.string().optional(),
    ADMIN_PASSWORD: z.string().optional(),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(30 * 24 * 3600)
      .default(12 * 3600),
    TOLLGATE_ENCRYPTION_KEY: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
      .optional(),
    // Keys that sealed stored values before a rotation: used only to open them (docs/decisions/0008).
    TOLLGATE_ENCRYPTION_KEYS_PREVIOUS: z
      .string()
      .regex(/^\s*[0-9a-fA-F]{64}\s*(,\s*[0-9a-fA-F]{64}\s*)*$/, 'must be comma-separated keys of 64 hex characters each')
      .optional(),
    CREDIT_USD: creditUsd.default('0.01'),
    SIGNUP_BONUS_CREDITS: z
      .string()
      .regex(/^\d+(\.\d{1,6})?$/, 'must be a non-negative decimal')
      .default('10'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    WEB_DIST_DIR: z.string().optional(),
    MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(50).default(10),
    MAX_QUERY_COMPLEXITY: z.coerce.number().int().min(10).default(1000),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'must look like 1mb or 512kb')
      .default('1mb'),
    // Markup by price class in basis points, and where the classes split (USD per 1M output tokens).
    MARKUP_BPS_BY_CLASS: z
      .string()
      .regex(/^free=\d+,budget=\d+,standard=\d+,premium=\d+$/, 'must look like free=0,budget=500,standard=1000,premium=1500')
      .default('free=0,budget=500,standard=1000,premium=1500'),
    PRICE_CLASS_MAX_OUTPUT_USD: z
      .string()
      .regex(/^budget=\d+(\.\d{1,3})?,standard=\d+(\.\d{1,3})?$/, 'must look like budget=2,standard=20')
      .default('budget=2,standard=20'),
    // How often expired grants and lapsed holds are swept (0: grants never, they expire lazily;
    // lapsed holds are still swept every third of HOLD_LEASE_SECONDS: docs/decisions/0012).
    LEDGER_SWEEP_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
    // How long a resolved API key or session is served from memory (0: off; docs/decisions/0034).
    AUTH_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    // A completion hold's lease: its process renews it every third of this while the call runs, so
    // a crashed process's holds lapse this long after it died and the next sweep releases them.
    HOLD_LEASE_SECONDS: z.coerce.number().int().min(3).max(3600).default(30),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
    OPENAI_API_KEY: z.string().optional(),
    OPENAI_BASE_URL: optionalUrl(['http:', 'https:']),
    ANTHROPIC_API_KEY: z.string().optional(),
    ANTHROPIC_BASE_URL: optionalUrl(['http:', 'https:']),
    OPENROUTER_API_KEY: z.string().optional(),
    OPENROUTER_BASE_URL: optionalUrl(['http:', 'https:']),
    // OpenRouter's key-management key: set, each user's OpenRouter calls go through a key of their own (docs/openrouter.md).
    OPENROUTER_PROVISIONING_KEY: z.string().optional(),
    GOOGLE_API_KEY: z.string().optional(),
    GOOGLE_BASE_URL: optionalUrl(['http:', 'https:']),
    // Per provider attempt; the SDKs retry transient failures PROVIDER_MAX_RETRIES times before the fallback chain moves on.
    PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
    PROVIDER_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
    // JSON: model id → the models tried, in order, when its provider fails ({} turns the defaults off).
    MODEL_FALLBACKS: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return undefined;
        try {
          const parsed = JSON.parse(v) as unknown;
          const ok =
            parsed &&
            typeof parsed === 'object' &&
            !Array.isArray(parsed) &&
            Object.values(parsed).every((list) => Array.isArray(list) && list.every((m) => typeof m === 'string'));
          if (ok) return parsed as Record<string, string[]>;
        } catch {
          /* reported below */
        }
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object of model id to an array of model ids' });
        return z.NEVER;
      }),
    // What a response-cache hit costs, in credits (default 0: hits are free).
    CACHE_HIT_CREDITS: z
      .string()
      .regex(/^\d+(\.\d{1,6})?$/, 'must be a non-negative decimal with at most 6 fraction digits')
      .default('0'),
    // Pause between streamed sandbox/echo words, so demos (and browser tests) see a stream.
    SANDBOX_STREAM_DELAY_MS: z.coerce.number().int().min(0).max(5000).default(0),
    // Billing (docs/billing.md). No secret key: payments run in test mode, where allowed.
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_\S+$/, 'must be a Stripe secret or restricted key (sk_… or rk_…)')
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_\S+$/, 'must be a webhook signing secret (whsec_…)')
      .optional(),
    // Where the Stripe SDK sends its requests instead of Stripe's own API (a local fake, stripe-mock).
    STRIPE_API_URL: optionalUrl(['http:', 'https:']),
    // How users reach Tollgate: checkout return URLs are built from it. Default http://localhost:PORT.
    PUBLIC_URL: optionalUrl(['http:', 'https:']),
    PAYMENTS_TEST_MODE: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
    // Mail (docs/mail.md): delivered over SMTP when set (smtp://user:pass@host:587, smtps://…), else only kept in the outbox.
    SMTP_URL: optionalUrl(['smtp:', 'smtps:']),
    MAIL_FROM: z.string().min(3).default('Tollgate <no-reply@localhost>'),
    // Bearer token for GET /metrics; without it metrics are open outside production and off in it (docs/decisions/0040).
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').regex(/^\S+$/, 'must not contain spaces').optional(),
  })
  .superRefine((env, ctx) => {
    const production = env.NODE_ENV === 'production';
    // Development may run with generated secrets (kept under the data dir); production may not,
    // because a replica that invents its own JWT secret rejects every other replica's sessions.
    for (const key of ['JWT_SECRET', 'TOLLGATE_ENCRYPTION_KEY', 'DATABASE_URL', 'ADMIN_EMAIL', 'ADMIN_PASSWORD'] as const) {
      if (production && !env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when NODE_ENV=production' });
    }
    if (env.REDIS_URL && env.REDIS_CLUSTER_NODES) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_CLUSTER_NODES'], message: 'names the Redis to use instead of REDIS_URL: set one of them' });
    }
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      const missing = env.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'must be set together with the other ADMIN_ variable' });
    }
  });

export type Env = z.infer<typeof schema>;

export interface Config extends Omit<Env, 'ADMIN_EMAIL' | 'ADMIN_PASSWORD' | 'PUBLIC_URL' | 'PAYMENTS_TEST_MODE'> {
  admin: { email: string; password: string } | null;
  dataDir: string;
  /** Without a trailing slash. */
  PUBLIC_URL: string;
  /** Payments without Stripe (Tollgate's own test checkout): never with a Stripe key; in production only when asked for. */
  PAYMENTS_TEST_MODE: boolean;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env, defaults: { dataDir: string }): Config {
  // An empty variable (`PORT=`) means "not set", never 0 or "".
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.') || 'environment';
        const got = typeof issue.path[0] === 'string' ? source[issue.path[0]] : undefined;
        const shown = got === undefined || /SECRET|PASSWORD|KEY|TOKEN|SMTP_URL/.test(name) ? '' : ` (got ${JSON.stringify(got)})`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const { ADMIN_EMAIL, ADMIN_PASSWORD, PUBLIC_URL, PAYMENTS_TEST_MODE, ...env } = result.data;
  const testModeAllowed = PAYMENTS_TEST_MODE ? PAYMENTS_TEST_MODE === 'true' : env.NODE_ENV !== 'production';
  return {
    ...env,
    REDIS_URL: env.REDIS_URL ?? (env.REDIS_CLUSTER_NODES ? `redis-cluster://${env.REDIS_CLUSTER_NODES}` : undefined),
    PUBLIC_URL: (PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    PAYMENTS_TEST_MODE: !env.STRIPE_SECRET_KEY && testModeAllowed,
    admin: ADMIN_EMAIL && ADMIN_PASSWORD ? { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } : null,
    dataDir: env.TOLLGATE_DATA_DIR ?? defaults.dataDir,
  };
}
