import type { SqlPool } from '../../../platform/sql.js';

/**
 * Records every statement sent through the app's SqlPool (pool.query checks a client out too, so
 * the `acquire` event sees both plain queries and transactions). Start it, run one request, read it.
 */
export function recordStatements(sql: SqlPool) {
  const seen: string[] = [];
  let on = false;
  const wrapped = new WeakSet<object>();
  sql.pool.on('acquire', (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0];
      const text = typeof first === 'string' ? first : (first as { text?: string })?.text ?? '';
      if (on) seen.push(text.replace(/\s+/g, ' ').trim());
      return query(...args);
    };
  });
  return {
    start: () => {
      seen.length = 0;
      on = true;
    },
    stop: () => {
      on = false;
      return [...seen];
    },
  };
}

/** The statements that read the catalog (models, prices, tiers) or a user's provider keys. */
export const catalogStatement = (s: string) => /\b(from|join) (model|model_price|tier)\b/i.test(s);
export const byokStatement = (s: string) => /\bfrom provider_key\b/i.test(s);
