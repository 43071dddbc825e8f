import type { Backplane } from '../../platform/backplane/index.js';
import type { Logger } from '../../platform/logger.js';
import type { Sql } from '../../platform/sql.js';
import { AdminUsersStore } from './admin-users.store.js';
import { AuditStore } from './audit.store.js';
import { LiveSessions } from './live-sessions.js';
import { SuspensionService, type PrincipalInvalidation } from './suspension.service.js';

/** User management for admins (docs/decisions/0028-user-management.md): users, suspension, the audit log. */
export function createAdmin(deps: { sql: Sql; backplane: Backplane; log: Logger; principals?: PrincipalInvalidation }) {
  const sessions = new LiveSessions(deps.backplane.eventTarget, deps.log);
  return {
    /** For the audit's before/after snapshots (read-only). */
    sql: deps.sql,
    users: new AdminUsersStore(deps.sql),
    sessions,
    suspension: new SuspensionService(deps.sql, sessions, deps.principals),
    audit: new AuditStore(deps.sql),
  };
}

export type Admin = ReturnType<typeof createAdmin>;
