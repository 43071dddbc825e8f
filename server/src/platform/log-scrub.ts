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
const PAYLOAD_KEYS = new Set(['params', 'parameters', 'bindings', 'values', 'variables', 'headers', 'config', 'request', 'response', 'body', 'error', 'source', 'nodes']);

/**
 * A serialized error (pino's own `err` serializer output) with SQL values scrubbed from every
 * string and payload-carrying fields (an SDK's response body and headers, a query's parameters)
 * dropped, at any depth.
 */
export function scrubError(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSqlValues(value);
  if (value === null || typeof value !== 'object' || depth > 4) return value;
  if (Array.isArray(value)) return value.map((item) => scrubError(item, depth + 1));
  // pino's serialized error keeps the original as a non-enumerable `raw`; copying own enumerable keys drops it.
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'body' || (PAYLOAD_KEYS.has(key) && item !== null && typeof item === 'object')) continue;
    out[key] = scrubError(item, depth + 1);
  }
  return out;
}
