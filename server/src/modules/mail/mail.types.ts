/**
 * The mail every module may send. One module owns delivery (SMTP over SMTP_URL, or the development
 * outbox when it is unset) and each user's opt-outs; senders only say what to send and to whom.
 */
export const MAIL_KINDS = ['password_reset', 'password_changed', 'low_balance', 'past_due', 'payment_receipt', 'gift_link', 'team_invitation'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export interface OutgoingMail {
  kind: MailKind;
  to: string;
  /** The account the mail is about (its opt-outs apply); null for a mail to an address with no account yet. */
  userId: string | null;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Sends (or files in the outbox) unless the user opted out of this kind; never throws on a delivery failure. */
  send(mail: OutgoingMail): Promise<void>;
}
