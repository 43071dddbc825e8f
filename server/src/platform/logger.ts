import { pino, stdSerializers, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { scrubCredentials, scrubError } from './log-scrub.js';

export type Logger = PinoLogger;

/**
 * Fields that carry a secret wherever a log call might put them: a sign-in's password, an argon2
 * hash, an API key's secret, a session token, a user's own provider key (BYOK), request headers.
 */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'authorization',
  '*.authorization',
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'password_hash',
  '*.password_hash',
  'secret',
  '*.secret',
  'secretHash',
  '*.secretHash',
  'token',
  '*.token',
  'apiKey',
  '*.apiKey',
  'variables.input.password',
  'variables.input.apiKey',
];

/**
 * Structured JSON logs that never carry a secret (docs/decisions/0014):
 * - `redact` censors the fields above;
 * - the `err` serializer drops SQL parameter values and PostgreSQL's row details from database
 *   errors (MikroORM puts the SQL, values inlined, in the message);
 * - every line, just before it is written, loses anything shaped like a credential: bearer tokens,
 *   JWTs, our API keys, argon2 hashes, provider keys.
 * `destination` defaults to stdout; tests pass a file or a collector.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'tollgate' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError },
    hooks: { streamWrite: scrubCredentials },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** pino's own error serializer (message, stack and causes), then scrubbed. */
export function serializeError(err: unknown): unknown {
  return scrubError(stdSerializers.err(err as Error));
}
