import { MAIL_KINDS, type MailKind } from './mail.types.js';

export interface MailKindInfo {
  kind: MailKind;
  /** What the user reads in their notification settings. */
  description: string;
  /**
   * Whether the user may turn it off. Transactional mail (what the account needs: security, money
   * owed or paid, a link someone asked for) is always sent; notices about the account's state that
   * the user can see in the app anyway may be turned off (docs/decisions/0049-mail.md).
   */
  optional: boolean;
}

const INFO: Record<MailKind, Omit<MailKindInfo, 'kind'>> = {
  password_reset: { description: 'A link to reset your password, when you ask for one.', optional: false },
  password_changed: { description: 'A notice that your password was changed.', optional: false },
  low_balance: { description: 'A notice when your credit balance falls below your low-balance threshold.', optional: true },
  past_due: { description: 'A notice when a subscription payment fails and your plan is past due.', optional: false },
  payment_receipt: { description: 'A receipt for every payment: credit packages, subscription invoices and automatic recharges.', optional: false },
  gift_link: { description: 'When someone sends you credits: a notice, or the link to claim them if you have no account yet.', optional: false },
  team_invitation: { description: 'An invitation to join a team.', optional: false },
};

/** Every kind, in MAIL_KINDS order. */
export const MAIL_KIND_INFO: readonly MailKindInfo[] = MAIL_KINDS.map((kind) => ({ kind, ...INFO[kind] }));

export const isMailKind = (value: string): value is MailKind => (MAIL_KINDS as readonly string[]).includes(value);

export const isOptional = (kind: MailKind) => INFO[kind].optional;
