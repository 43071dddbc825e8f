import { formatDuration } from '@tollgate/shared';
import type { OutgoingMail } from '../mail/index.js';

/** The "forgot password" mail: the link, how long it works, and what to do if it was not them. */
export function resetMail(account: { id: string; email: string }, link: string, ttlSeconds: number): OutgoingMail {
  return {
    kind: 'password_reset',
    to: account.email,
    userId: account.id,
    subject: 'Reset your Tollgate password',
    text: [
      'Someone (hopefully you) asked to reset the password of your Tollgate account.',
      '',
      `Choose a new password here: ${link}`,
      '',
      `The link works once, for ${formatDuration(ttlSeconds)}. If you did not ask for it, ignore this mail: your password stays as it is.`,
    ].join('\n'),
  };
}

/** Sent after every change or reset, so an account taken over does not go unnoticed. */
export function changedMail(account: { userId: string; email: string }, publicUrl: string): OutgoingMail {
  return {
    kind: 'password_changed',
    to: account.email,
    userId: account.userId,
    subject: 'Your Tollgate password was changed',
    text: [
      'The password of your Tollgate account was just changed, and every other session was signed out.',
      '',
      `If this was not you, reset your password now: ${publicUrl}/forgot-password`,
    ].join('\n'),
  };
}
