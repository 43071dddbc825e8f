import { centsText, creditsText } from './mail.format.js';
import type { OutgoingMail } from './mail.types.js';

/**
 * The text of every mail Tollgate writes itself (password mails are written by the auth module).
 * Plain text: it reads the same in every client and the outbox shows it as sent; links are whole
 * on their own line so mail clients (and the console's Outbox) make them clickable.
 */
const signature = (publicUrl: string) => `\n\n— Tollgate\n${publicUrl}`;

export function lowBalanceMail(args: { balanceMicro: bigint; thresholdMicro: bigint; dollars: string; publicUrl: string }) {
  return {
    kind: 'low_balance' as const,
    subject: 'Your Tollgate balance is low',
    text:
      `Your credit balance is ${creditsText(args.balanceMicro)} (about ${args.dollars}), below your low-balance threshold of ${creditsText(args.thresholdMicro)}.\n\n` +
      `Add credits so your API calls keep working:\n${args.publicUrl}/billing\n\n` +
      `Change the threshold on your dashboard, or turn these notices off:\n${args.publicUrl}/settings/notifications` +
      signature(args.publicUrl),
  };
}

export function pastDueMail(args: { tierName: string; amountCents: bigint; currency: string; publicUrl: string }) {
  return {
    kind: 'past_due' as const,
    subject: `Payment for your Tollgate ${args.tierName} plan failed`,
    text:
      `We could not collect ${centsText(args.amountCents, args.currency)} for your ${args.tierName} plan. Your plan is past due: it keeps working while the card is retried, ` +
      `and this period's credits are added once the payment goes through.\n\nUpdate your payment method:\n${args.publicUrl}/billing` +
      signature(args.publicUrl),
  };
}

export function receiptMail(args: {
  what: string;
  amountCents: bigint;
  currency: string;
  creditsMicro: bigint;
  paidAt: Date;
  reference: string;
  publicUrl: string;
}) {
  return {
    kind: 'payment_receipt' as const,
    subject: `Your Tollgate receipt: ${centsText(args.amountCents, args.currency)}`,
    text:
      `Thank you for your payment.\n\n` +
      `Paid: ${centsText(args.amountCents, args.currency)}\nFor: ${args.what}\nCredits added: ${creditsText(args.creditsMicro)}\n` +
      `Date: ${args.paidAt.toISOString().slice(0, 10)}\nReference: ${args.reference}\n\n` +
      `Your payments are listed on the Billing screen:\n${args.publicUrl}/billing` +
      signature(args.publicUrl),
  };
}

/** A gift: with a claim link for an address without an account, or a notice that the credits landed. */
export function giftMail(args: {
  to: string;
  userId: string | null;
  senderEmail: string;
  creditsMicro: bigint;
  message: string | null;
  claimUrl: string | null;
  publicUrl: string;
}): OutgoingMail {
  const note = args.message ? `\n\nTheir message:\n${args.message}` : '';
  const body = args.claimUrl
    ? `${args.senderEmail} sent you ${creditsText(args.creditsMicro)} on Tollgate.${note}\n\n` +
      `Claim them (sign up or sign in with any account; the link works once, for 30 days):\n${args.claimUrl}`
    : `${args.senderEmail} sent you ${creditsText(args.creditsMicro)} on Tollgate; they are in your balance already.${note}\n\n${args.publicUrl}/billing`;
  return {
    kind: 'gift_link',
    to: args.to,
    userId: args.userId,
    subject: `${args.senderEmail} sent you Tollgate credits`,
    text: body + signature(args.publicUrl),
  };
}
