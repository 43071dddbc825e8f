import type Stripe from 'stripe';
import type { Sql, SqlPool } from '../../platform/sql.js';

/**
 * Applies one event's effect inside the transaction that marks it applied: either both commit or
 * neither does, so a failure leaves the event to be retried whole, never half-applied. What must
 * happen only once that is committed (publishing a balance change) goes to `afterCommit`.
 */
export type WebhookHandler = (event: Stripe.Event, tx: Sql, afterCommit: (fn: () => void) => void) => Promise<void>;

/**
 * Which handlers apply which event type. A type may have several (a checkout completes a package
 * purchase or a subscription; each handler ignores what is not its own); they run in the order
 * registered, in the event's one transaction. A type with no handler is recorded and applied with no effect.
 */
export class WebhookHandlers {
  private readonly handlers = new Map<string, WebhookHandler[]>();

  /** Returns a function that removes the handler again. */
  register(type: string, handler: WebhookHandler): () => void {
    const list = this.handlers.get(type) ?? [];
    if (list.includes(handler)) throw new Error(`This handler for ${type} is already registered`);
    this.handlers.set(type, [...list, handler]);
    return () =>
      void this.handlers.set(
        type,
        (this.handlers.get(type) ?? []).filter((h) => h !== handler),
      );
  }

  /** The handlers of a type as one; undefined when it has none. */
  get(type: string): WebhookHandler | undefined {
    const list = this.handlers.get(type);
    if (!list?.length) return undefined;
    return async (event, tx, afterCommit) => {
      for (const handler of list) await handler(event, tx, afterCommit);
    };
  }

  /** The event types that have a handler (for docs and tests). */
  types(): string[] {
    return [...this.handlers.entries()]
      .filter(([, list]) => list.length > 0)
      .map(([type]) => type)
      .sort();
  }
}

/** A handler failed: the event stays unapplied with the error recorded, and Stripe is answered non-2xx. */
export class WebhookHandlerError extends Error {
  constructor(
    readonly eventId: string,
    readonly eventType: string,
    override readonly cause: unknown,
  ) {
    super(`Stripe event ${eventId} (${eventType}) failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'WebhookHandlerError';
  }
}

export type IntakeOutcome = 'applied' | 'already-applied';

/** Longest error text kept on an event row. */
const MAX_ERROR_CHARS = 2000;

/**
 * Records each verified event, then applies it at most once. The insert comes first and on its own,
 * so an event is on record even when applying it fails; the row lock then serialises concurrent
 * deliveries of one event, and whoever comes second finds it applied.
 */
export class StripeEventIntake {
  constructor(
    private readonly sql: SqlPool,
    readonly handlers: WebhookHandlers,
  ) {}

  async receive(event: Stripe.Event): Promise<IntakeOutcome> {
    await this.sql.query(`insert into stripe_event (id, type, livemode, created) values ($1, $2, $3, to_timestamp($4)) on conflict (id) do nothing`, [
      event.id,
      event.type,
      event.livemode,
      event.created,
    ]);
    const committed: Array<() => void> = [];
    try {
      const outcome = await this.sql.transaction(async (tx) => {
        committed.length = 0;
        const [row] = await tx.query<{ applied_at: Date | null }>(`select applied_at from stripe_event where id = $1 for update`, [event.id]);
        if (row?.applied_at) return 'already-applied' as const;
        await this.handlers.get(event.type)?.(event, tx, (fn) => committed.push(fn));
        await tx.query(`update stripe_event set applied_at = now(), error = null where id = $1`, [event.id]);
        return 'applied' as const;
      });
      for (const fn of committed) fn();
      return outcome;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.sql
        .query(`update stripe_event set error = $2 where id = $1 and applied_at is null`, [event.id, message.slice(0, MAX_ERROR_CHARS)])
        .catch(() => undefined); // the failure itself is what gets reported
      throw new WebhookHandlerError(event.id, event.type, err);
    }
  }
}
