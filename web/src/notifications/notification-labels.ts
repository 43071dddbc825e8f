/** A short title per mail kind (the server describes each kind; this names it). Unknown kinds show their own name. */
const TITLES: Record<string, string> = {
  password_reset: 'Password reset links',
  password_changed: 'Password changed',
  low_balance: 'Low balance',
  past_due: 'Failed subscription payments',
  payment_receipt: 'Payment receipts',
  gift_link: 'Gifts of credit',
  team_invitation: 'Team invitations',
};

export const notificationTitle = (kind: string): string => TITLES[kind] ?? kind.replace(/_/g, ' ');

export const ALWAYS_SENT = "Always sent: needed for your account's security or billing";
