import { createHash } from 'node:crypto';

/** What makes two requests "the same" for idempotency: the operation and its arguments. */
export function requestHash(operation: string, fields: Record<string, unknown>): string {
  const canonical = JSON.stringify([operation, Object.entries(fields).sort(([a], [b]) => a.localeCompare(b))], (_k, v) =>
    typeof v === 'bigint' ? v.toString() : v instanceof Date ? v.toISOString() : v,
  );
  return createHash('sha256').update(canonical).digest('hex');
}
