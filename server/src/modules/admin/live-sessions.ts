import type { BackplaneEventTarget } from '../../platform/backplane/backplane.js';
import type { Logger } from '../../platform/logger.js';

/** The backplane topic a suspension is announced on; every replica listens (docs/decisions/0028-user-management.md). */
export const ACCOUNT_SUSPENDED_TOPIC = 'admin:accountSuspended';

/**
 * The backplane topic on which the end of a team membership is announced (removal, leaving): every
 * replica closes the person's sockets that act for that team (docs/decisions/0055-teams.md).
 */
export const MEMBERSHIP_ENDED_TOPIC = 'teams:membershipEnded';

/** graphql-ws's "Forbidden" close code: its client does not reconnect after it. */
export const FORBIDDEN_CLOSE_CODE = 4403;

/** What is needed of a `ws` socket. */
export interface LiveSocket {
  close(code: number, reason: string): void;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * The graphql-ws connections of this replica, by the user that opened an operation on them, so a
 * suspension can close them. New operations are refused by the authenticator anyway (it reads
 * app_user per operation); this is for subscriptions already running, which never authenticate again.
 * A socket leaves the map when it closes, so the map holds live sockets only.
 */
export class LiveSessions {
  private readonly sockets = new Map<string, Set<LiveSocket>>();
  /** The account each socket acts for (its connectionParams.account, or the person's own). */
  private readonly accounts = new WeakMap<LiveSocket, string>();

  constructor(
    private readonly events: BackplaneEventTarget,
    private readonly log: Logger,
  ) {
    events.addEventListener(ACCOUNT_SUSPENDED_TOPIC, (event) => {
      const userId = (event as CustomEvent<{ userId?: unknown } | null>).detail?.userId;
      if (typeof userId === 'string') this.closeLocal(userId);
    });
    events.addEventListener(MEMBERSHIP_ENDED_TOPIC, (event) => {
      const detail = (event as CustomEvent<{ userId?: unknown; accountId?: unknown } | null>).detail;
      if (typeof detail?.userId === 'string' && typeof detail.accountId === 'string') this.closeLocal(detail.userId, detail.accountId);
    });
  }

  track(userId: string, socket: LiveSocket, accountId: string = userId): void {
    this.accounts.set(socket, accountId);
    let set = this.sockets.get(userId);
    if (set?.has(socket)) return;
    if (!set) this.sockets.set(userId, (set = new Set()));
    set.add(socket);
    socket.once('close', () => {
      const current = this.sockets.get(userId);
      current?.delete(socket);
      if (current?.size === 0) this.sockets.delete(userId);
    });
  }

  /** Tells every replica (this one included, through the backplane) to close the user's sockets. */
  announceSuspension(userId: string): void {
    this.events.dispatchEvent(new CustomEvent(ACCOUNT_SUSPENDED_TOPIC, { detail: { userId } }));
    // Also here at once: this replica must not depend on the round trip through Redis.
    this.closeLocal(userId);
  }

  /** How many sockets of the user this replica holds (for tests and logs). */
  count(userId: string): number {
    return this.sockets.get(userId)?.size ?? 0;
  }

  /** Closes the user's sockets; only those acting for `accountId` when given (a membership that ended). */
  private closeLocal(userId: string, accountId?: string): void {
    const all = this.sockets.get(userId);
    if (!all) return;
    const set = new Set(accountId === undefined ? all : [...all].filter((s) => this.accounts.get(s) === accountId));
    for (const socket of set) all.delete(socket);
    if (all.size === 0) this.sockets.delete(userId);
    for (const socket of set) {
      try {
        socket.close(FORBIDDEN_CLOSE_CODE, accountId === undefined ? 'Forbidden: account suspended' : 'Forbidden: no longer a member of that team');
      } catch (err) {
        this.log.warn({ err, userId }, "could not close a suspended user's socket");
      }
    }
    if (set.size === 0) return;
    this.log.info(
      { userId, accountId, sockets: set.size },
      accountId ? 'closed the live connections acting for a team left' : 'closed the live connections of a suspended user',
    );
  }
}
