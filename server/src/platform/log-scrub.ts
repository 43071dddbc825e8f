import { DriverException } from '@mikro-orm/core';

/**
 * What the logger strips from a line before it is written (docs/decisions/0014). Two layers:
 * database errors lose their values (they are serialized through `scrubError`), and every line
 * loses anything shaped like a credential (`scrubCredentials`, pino's streamWrite hook).
 */

/** Shapes of the credentials this system handles; each keeps a readable hint of what it was. */
const CREDENTIALS: Array<[RegExp, string]> = [
  [/\bBearer\s+[^\s"'\\,;]+/gi, 'Bearer [redacted]'],
  // Session tokens (jose's HS256 JWTs) and any other JWT.
  [/\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g, '[redacted-jwt]'],
  // Our API keys: tg_<8 hex>_<secret>; the prefix is shown in the console anyway.
  [/\b(tg_[0-9a-f]{8})_[\w-]{16,}/g, '$1_[redacted]'],
  [/\$argon2(?:id|i|d)\$[A-Za-z0-9+/=,$]+/g, '[redacted-hash]'],
  // Provider keys: OpenAI (sk-, sk-proj-), Anthropic (sk-ant-), OpenRouter (sk-or-), Google (AIza).
  [/\b(?:sk|rk)-[\w-]{16,}/g, 'sk-[redacted]'],
  [/\bAIza[\w-]{30,}/g, 'AIza[redacted]'],
  // Stripe: secret and restricted keys (live and test) and webhook signing secrets; the prefix says which.
  [/(?<![A-Za-z0-9])((?:sk|rk)_(?:live|test)_)[A-Za-z0-9]{8,}/g, '$1[redacted]'],
  [/(?<![A-Za-z0-9])whsec_[\w+/=-]{8,}/g, 'whsec_[redacted]'],
];

export function scrubCredentials(line: string): string {
  let out = line;
  for (const [pattern, replacement] of CREDENTIALS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * MikroORM's DriverException message is `<SQL with its values inlined> - <PostgreSQL's message>`,
 * with PostgreSQL's `detail` appended; `detail` itself repeats the values (`Key (email)=(…)`,
 * `Failing row contains (…)`). Quoted literals and those value lists become `?`, so the line still
 * names the statement, the table, the constraint and what went wrong, but no value. Numbers are
 * left: no secret here is a bare number (passwords, keys and hashes are strings, so quoted).
 */
export function scrubSqlValues(text: string): string {
  return text
    .replace(/'(?:[^']|'')*'/g, "'?'")
    .replace(/(\bKey \([^)\n]*\))=\(.*\)/g, '$1=(?)')
    .replace(/(\bFailing row contains )\(.*\)/g, '$1(?)')
    .replace(/(\binvalid input (?:syntax|value) for [^:\n]*): "[^"\n]*"/g, '$1: "?"')
    .replace(/\bvalue "[^"\n]*" is out of range/g, 'value "?" is out of range');
}

/**
 * Keys of error objects that carry request or response payloads rather than a description; a
 * GraphQLError's `source` and `nodes` hold the whole document, whose literals may be a password.
 */
const PAYLOAD_KEYS = new Set([
  'params',
  'parameters',
  'bindings',
  'values',
  'variables',
  'headers',
  'config',
  'request',
  'response',
  'body',
  'error',
  'source',
  'nodes',
]);

/** PostgreSQL's five-character SQLSTATE; Node's own errors have codes like `EPIPE`, so a PostgreSQL field is asked for too. */
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * A database error: MikroORM's DriverException (whose message is the SQL with its values inlined),
 * or pg's own DatabaseError (an SQLSTATE `code` with `severity`/`routine`). pino's message and
 * stack include every cause's, so an error whose cause chain holds one counts too.
 */
export function isDatabaseError(err: unknown, depth = 0): boolean {
  if (err === null || typeof err !== 'object' || depth > 8) return false;
  if (err instanceof DriverException) return true;
  const e = err as Record<string, unknown>;
  if (typeof e.code === 'string' && SQLSTATE.test(e.code) && ('severity' in e || 'routine' in e || 'sqlState' in e)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseError(inner, depth + 1))) return true;
  return isDatabaseError(e.cause, depth + 1);
}

/** Deeper than this, an object is logged as `[truncated]`: whatever it held is not looked at, so not written. */
const MAX_DEPTH = 4;

/**
 * A serialized error (pino's own `err` serializer output): payload-carrying fields (an SDK's
 * response body and headers, a query's parameters) dropped at any depth, anything nested deeper
 * than MAX_DEPTH cut, and, for a database error only, SQL values scrubbed from every string (an
 * ordinary error's text is left alone: `Cannot read properties of undefined (reading 'id')`).
 * pino keeps the original error as the serialized object's non-enumerable `raw`.
 */
export function scrubError(value: unknown, depth = 0, sql = false): unknown {
  if (typeof value === 'string') return sql ? scrubSqlValues(value) : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.map((item) => scrubError(item, depth + 1, sql));
  const scrubSql = sql || isDatabaseError((value as { raw?: unknown }).raw) || isDatabaseError(value);
  // Copying own enumerable keys drops `raw`.
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'body' || (PAYLOAD_KEYS.has(key) && item !== null && typeof item === 'object')) continue;
    out[key] = scrubError(item, depth + 1, scrubSql);
  }
  return out;
}
