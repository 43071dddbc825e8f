import { scrubCredentials } from '../../platform/log-scrub.js';

/** Keys whose values never enter the audit log, whatever the operation (docs/decisions/0028-user-management.md). */
const SECRET_KEY = /secret|password|passwd|token$|api_?key|^key$|authorization|credential|^csv$|hash$/i;
const MAX_DEPTH = 6;
const MAX_ITEMS = 100;
const MAX_STRING = 1_000;

/**
 * A JSON-safe, secret-free copy of arguments or results for the audit log: bigint and Date become
 * strings, secret-named keys are redacted, anything shaped like a credential is scrubbed the way
 * the logger scrubs it, and size is bounded (a generated campaign's codes are not stored whole).
 */
export function scrubForAudit(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' || typeof value === 'boolean') return Number.isFinite(value as number) || typeof value === 'boolean' ? value : null;
  if (typeof value === 'string') return scrubString(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => scrubForAudit(item, depth + 1));
    return value.length > MAX_ITEMS ? [...items, `[${value.length - MAX_ITEMS} more]`] : items;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (typeof item === 'function' || key.startsWith('__')) continue;
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : scrubForAudit(item, depth + 1);
  }
  return out;
}

function scrubString(value: string): string {
  // Our fuzz and test secrets and any other sk_ / pk_ style key the logger's list does not name.
  const scrubbed = scrubCredentials(value).replace(/\b((?:sk|rk|pk)_[A-Za-z]+_)[A-Za-z0-9]{8,}/g, '$1[redacted]');
  return scrubbed.length > MAX_STRING ? `${scrubbed.slice(0, MAX_STRING)}…` : scrubbed;
}
