import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../../platform/logger.js';
import { isMailKind, isOptional } from './mail.kinds.js';
import { NotificationPreferences } from './mail.preferences.js';
import type { MailStatus, MailStore, OutboxPage } from './mail.store.js';
import type { Mailer, OutgoingMail } from './mail.types.js';

export interface MailOptions {
  /** smtp://user:pass@host:port (or smtps://); null keeps every mail in the outbox only. */
  smtpUrl: string | null;
  from: string;
}

// A dead SMTP server must not hold a webhook or a sign-in for nodemailer's default minutes.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/**
 * The text kept for a mail delivered over SMTP: a link's `token=` value (a password reset, a gift
 * claim: bearer secrets) is removed, since admins read the outbox and a reset link would let one
 * take over the account. Without SMTP the outbox is the delivery, and keeps the text whole.
 */
export const withoutTokens = (text: string) => text.replace(/([?&]token=)[^\s&#]+/g, '$1[removed]');

/** An SMTP error without anything that looks like credentials (a URL's user:pass), kept short. */
const describe = (err: unknown) => (err instanceof Error ? err.message : String(err)).replace(/\/\/[^/\s@]+@/g, '//***@').slice(0, 500);

/**
 * The one way Tollgate sends mail. Every mail becomes a row of the outbox: delivered over SMTP
 * (status sent or failed; link tokens removed from the kept text) when SMTP_URL is set, otherwise
 * kept there only, whole (transport `outbox`, status sent) for the admin and a developer to read; a kind the user turned off is recorded as
 * suppressed and not delivered. Callers send after their own transaction committed; `send` never
 * throws, so a mail problem can never undo or fail what the mail is about.
 */
export class MailService implements Mailer {
  readonly preferences: NotificationPreferences;
  private readonly transport: Transporter | null;

  constructor(
    private readonly store: MailStore,
    private readonly options: MailOptions,
    private readonly log: Logger,
  ) {
    this.preferences = new NotificationPreferences(store);
    this.transport = options.smtpUrl ? nodemailer.createTransport({ url: options.smtpUrl, ...SMTP_TIMEOUTS }) : null;
  }

  /** smtp when SMTP_URL is set, else outbox (development). */
  get transportName(): 'smtp' | 'outbox' {
    return this.transport ? 'smtp' : 'outbox';
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      if (!isMailKind(mail.kind)) throw new Error(`unknown mail kind ${String(mail.kind)}`);
      const kept = this.transport ? { ...mail, text: withoutTokens(mail.text) } : mail;
      if (mail.userId && isOptional(mail.kind) && !(await this.store.enabled(mail.userId, mail.kind))) {
        await this.store.record(kept, 'suppressed', this.transportName, null);
        return;
      }
      let status: MailStatus = 'sent';
      let error: string | null = null;
      if (this.transport) {
        try {
          await this.transport.sendMail({ from: this.options.from, to: mail.to, subject: mail.subject, text: mail.text });
        } catch (err) {
          status = 'failed';
          error = describe(err);
          this.log.warn({ kind: mail.kind, userId: mail.userId, error }, 'mail delivery failed');
        }
      }
      await this.store.record(kept, status, this.transportName, error);
    } catch (err) {
      this.log.error({ kind: mail.kind, userId: mail.userId, error: describe(err) }, 'mail could not be sent or recorded');
    }
  }

  /** Sends to the account's own address (no mail when the account is gone). */
  async sendToUser(userId: string, mail: Omit<OutgoingMail, 'to' | 'userId'>): Promise<void> {
    try {
      const to = await this.store.emailOf(userId);
      if (to) await this.send({ ...mail, to, userId });
    } catch (err) {
      this.log.error({ kind: mail.kind, userId, error: describe(err) }, 'mail recipient could not be read');
    }
  }

  /** The admin's view of what went out, newest first. */
  outbox(args: { first?: number | null; after?: string | null; to?: string | null }): Promise<OutboxPage> {
    return this.store.list(args);
  }
}
