import type { Backplane } from '../../platform/backplane/index.js';
import type { Logger } from '../../platform/logger.js';
import type { SqlPool } from '../../platform/sql.js';
import type { Mailer } from '../mail/index.js';
import { AdminTeamsStore } from './admin-teams.store.js';
import { InvitationsService } from './invitations.service.js';
import { TeamsService, type MembershipInvalidation } from './teams.service.js';

export interface TeamsDeps {
  sql: SqlPool;
  /** Rate limits (invitation mail per inviter), and the events by which the end of a membership closes the person's sockets acting for the team on every replica. */
  backplane: Pick<Backplane, 'consume' | 'eventTarget'>;
  /** The principal cache: a membership change is invalidated on every replica after commit. */
  principals: MembershipInvalidation;
  mailer: Mailer;
  publicUrl: string;
  log: Logger;
}

/** Teams (docs/decisions/0055-teams.md): teams and members, invitations, and the console's list. */
export function createTeams(deps: TeamsDeps) {
  return {
    service: new TeamsService(deps.sql, deps.principals, deps.backplane.eventTarget),
    invitations: new InvitationsService(deps),
    admin: new AdminTeamsStore(deps.sql),
  };
}

export type Teams = ReturnType<typeof createTeams>;
