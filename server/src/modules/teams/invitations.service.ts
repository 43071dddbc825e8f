import { randomUUID } from 'node:crypto';
import { formatDuration } from '@tollgate/shared';
import type { Backplane, RateLimitRule } from '../../platform/backplane/index.js';
import { BadUserInputError, ForbiddenError, RateLimitedError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import type { Logger } from '../../platform/logger.js';
import type { Sql, SqlPool } from '../../platform/sql.js';
import type { Principal } from '../auth/index.js';
import type { Mailer } from '../mail/index.js';
import { hashInvitationToken, invitationsStore as invitations, newInvitationToken, type InvitationRecord } from './invitations.store.js';
import { invitationMail } from './teams.mails.js';
import * as rules from './teams.rules.js';
import type { MembershipInvalidation } from './teams.service.js';
import { teamsStore as teams, type TeamRecord } from './teams.store.js';

const MAX_TOKEN_LENGTH = 200;
/** Invitation mail per inviter: revoking and inviting again must not turn Tollgate into a mailer for anyone. */
export const INVITE_MAIL_PER_PERSON: RateLimitRule = { name: 'team-invite-mail', points: 30, durationSeconds: 60 * 60 };
const LIST_LIMIT = 200;

export interface InvitationView extends InvitationRecord {
  status: rules.InvitationStatus;
}

const view = (inv: InvitationRecord): InvitationView => ({ ...inv, status: rules.invitationStatus(inv, new Date()) });

interface Deps {
  sql: SqlPool;
  backplane: Pick<Backplane, 'consume'>;
  principals: MembershipInvalidation;
  mailer: Mailer;
  publicUrl: string;
  log: Logger;
}

/**
 * Invitations to a team: mailed to an address (only that address's account may accept) or a bare
 * link (anyone signed in who holds it). Each works once, for INVITATION_DAYS days; only the token's
 * hash is stored, and the link is shown once, to whoever made it.
 */
export class InvitationsService {
  constructor(private readonly deps: Deps) {}

  async invite(caller: Principal, input: { teamId: unknown; email?: unknown; role: unknown }): Promise<{ invitation: InvitationView; link: string }> {
    const teamId = rules.teamId(input.teamId);
    const role = rules.invitedRole(input.role);
    const email = input.email == null ? null : rules.email(input.email, 'email');
    if (email) await this.limitMail(caller.userId);
    const { token, hash } = newInvitationToken();
    const { invitation, inviteeId } = await this.deps.sql.transaction(async (tx) => {
      await this.managerOf(tx, teamId, caller.userId);
      const inviteeId = email ? await invitations.personByEmail(tx, email) : null;
      if (inviteeId && (await teams.role(tx, teamId, inviteeId))) throw new BadUserInputError(`${email} is already a member of this team`, 'email');
      if (email) await invitations.revokeOpenTo(tx, teamId, email);
      if ((await invitations.pendingCount(tx, teamId)) >= rules.MAX_PENDING_INVITATIONS) {
        throw new BadUserInputError(`A team may have at most ${rules.MAX_PENDING_INVITATIONS} open invitations; revoke some first`);
      }
      const row = { id: randomUUID(), teamId, email, role, tokenHash: hash, invitedBy: caller.userId, days: rules.INVITATION_DAYS };
      return { invitation: await invitations.insert(tx, row), inviteeId };
    });
    const link = `${this.deps.publicUrl}/invite/${token}`;
    if (email) await this.mail(invitation, email, inviteeId, link);
    return { invitation: view(invitation), link };
  }

  /** Every invitation of the team, newest first (owners and admins). */
  async list(caller: Principal, rawTeamId: unknown): Promise<InvitationView[]> {
    const teamId = rules.teamId(rawTeamId);
    const role = await teams.role(this.deps.sql, teamId, caller.userId);
    if (!role) throw rules.teamNotFound();
    rules.requireManager(role);
    return (await invitations.list(this.deps.sql, teamId, LIST_LIMIT)).map(view);
  }

  /** Idempotent for a revoked or expired one; an accepted one is a membership now (remove the member instead). */
  async revoke(caller: Principal, rawId: unknown): Promise<InvitationView> {
    const id = typeof rawId === 'string' && isUuid(rawId) ? rawId : null;
    if (!id) throw rules.invitationNotFound();
    const found = await invitations.byId(this.deps.sql, id);
    if (!found) throw rules.invitationNotFound();
    return this.deps.sql.transaction(async (tx) => {
      const role = await this.roleIn(tx, found.teamId, caller.userId);
      // Someone else's team's invitation reads as none at all.
      if (!role) throw rules.invitationNotFound();
      rules.requireManager(role);
      const current = (await invitations.byId(tx, id))!;
      if (current.acceptedAt) throw new BadUserInputError('This invitation was accepted already; remove the member instead', 'id');
      await invitations.revoke(tx, id);
      return view((await invitations.byId(tx, id))!);
    });
  }

  /** For the accept page: NOT_FOUND for an unknown, used, expired or revoked link. */
  async preview(rawToken: unknown): Promise<InvitationRecord> {
    const found = await invitations.live(this.deps.sql, tokenHash(rawToken), false);
    if (!found) throw rules.invitationNotFound();
    return found;
  }

  /** Joins the team with the invited role; already a member, the team is answered and nothing changes. */
  async accept(caller: Principal, rawToken: unknown): Promise<TeamRecord> {
    const hash = tokenHash(rawToken);
    const seen = await invitations.live(this.deps.sql, hash, false);
    if (!seen) throw rules.invitationNotFound();
    const { team, joined } = await this.deps.sql.transaction(async (tx) => {
      // The team first, then the invitation: the same order as revoke, so the two cannot deadlock.
      await teams.lockTeam(tx, seen.teamId);
      const inv = await invitations.live(tx, hash, true);
      if (!inv) throw rules.invitationNotFound();
      if (inv.email !== null && inv.email !== caller.email.toLowerCase()) {
        throw new ForbiddenError('This invitation was sent to another email address; sign in with that address to accept it');
      }
      if (await teams.role(tx, inv.teamId, caller.userId)) return { team: (await teams.team(tx, inv.teamId, caller.userId))!, joined: false };
      await teams.addMember(tx, inv.teamId, caller.userId, inv.role);
      await invitations.markAccepted(tx, inv.id, caller.userId);
      return { team: (await teams.team(tx, inv.teamId, caller.userId))!, joined: true };
    });
    if (joined) await this.deps.principals.invalidate(caller.userId);
    return team;
  }

  private async limitMail(personId: string): Promise<void> {
    const result = await this.deps.backplane.consume(INVITE_MAIL_PER_PERSON, personId);
    if (!result.allowed) {
      throw new RateLimitedError(
        result.retryAfterSeconds,
        `Too many invitations by mail; try again in ${formatDuration(result.retryAfterSeconds)}, or invite by link`,
      );
    }
  }

  private async roleIn(tx: Sql, teamId: string, personId: string) {
    if (!(await teams.lockTeam(tx, teamId))) return null;
    return teams.role(tx, teamId, personId);
  }

  private async managerOf(tx: Sql, teamId: string, personId: string): Promise<void> {
    const role = await this.roleIn(tx, teamId, personId);
    if (!role) throw rules.teamNotFound();
    rules.requireManager(role);
  }

  /** A delivery failure is the mail module's to record (the outbox); the invitation and its link stand. */
  private async mail(inv: InvitationRecord, to: string, userId: string | null, link: string): Promise<void> {
    const mail = invitationMail({ to, userId, teamName: inv.teamName, inviterEmail: inv.invitedByEmail, role: inv.role, link, publicUrl: this.deps.publicUrl });
    await this.deps.mailer.send(mail).catch((err: unknown) => this.deps.log.error({ err, kind: mail.kind }, 'could not send a team invitation'));
  }
}

/** Anything that cannot be a token is simply no invitation. */
function tokenHash(raw: unknown): string {
  const token = typeof raw === 'string' ? raw.trim() : '';
  if (token === '' || token.length > MAX_TOKEN_LENGTH) throw rules.invitationNotFound();
  return hashInvitationToken(token);
}
