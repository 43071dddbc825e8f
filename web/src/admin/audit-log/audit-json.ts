/**
 * The audit log's before/after are JSON strings written by the server. Shown pretty-printed; a
 * string that is not JSON (it should not happen) is shown as it is rather than hidden.
 */
export function prettyJson(text: string | null): string | null {
  if (text == null) return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The top-level keys whose values differ between before and after, to highlight what changed. */
export function changedKeys(before: string | null, after: string | null): string[] {
  const a = parseObject(before);
  const b = parseObject(after);
  if (!a || !b) return [];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key])).sort();
}

function parseObject(text: string | null): Record<string, unknown> | null {
  if (text == null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
