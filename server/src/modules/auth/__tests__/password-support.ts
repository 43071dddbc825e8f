import { withClient } from '../../../test-support/database.js';
import type { GqlResult, TestApp } from '../../../test-support/app.js';

export const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { token user { id email } } }`;
export const REQUEST = `mutation($email: String!) { requestPasswordReset(email: $email) }`;
export const RESET = `mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { token user { id email } } }`;
export const ME = '{ me { email } }';
export const NEW_PASSWORD = 'battery-staple-42';

export const field = (res: GqlResult) => res.errors?.[0]?.extensions?.field;

interface OutboxMail {
  kind: string;
  subject: string;
  text: string;
}

/** The mails filed for an address, oldest first (the development outbox: SMTP_URL is unset in tests). */
export async function mailsTo(t: TestApp, to: string): Promise<OutboxMail[]> {
  return withClient(
    t.databaseUrl,
    async (c) => (await c.query<OutboxMail>(`select kind, subject, text from mail_outbox where to_address = $1 order by seq`, [to])).rows,
  );
}

/**
 * Waits for the `count`-th mail of a kind (mails go out after the answer, see PasswordService). Polls;
 * asserts nothing about time: a mail that never comes fails after many tries.
 */
export async function nthMail(t: TestApp, to: string, kind: string, count = 1): Promise<OutboxMail> {
  for (let i = 0; i < 200; i += 1) {
    const mails = (await mailsTo(t, to)).filter((m) => m.kind === kind);
    if (mails.length >= count) return mails[count - 1]!;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no ${kind} mail #${count} for ${to}`);
}

/** The token of the reset link in a password_reset mail. */
export function resetToken(mail: OutboxMail): string {
  const match = /\/reset-password\?token=([A-Za-z0-9_%-]+)/.exec(mail.text);
  if (!match) throw new Error(`no reset link in: ${mail.text}`);
  return decodeURIComponent(match[1]!);
}

/** What a password flow may write for a user: compared before and after a refused attempt. */
export async function storedState(t: TestApp, userId: string): Promise<{ hash: string; epoch: number; resets: number }> {
  return withClient(t.databaseUrl, async (c) => {
    const user = (await c.query(`select password_hash, session_epoch from app_user where id = $1`, [userId])).rows[0];
    const resets = (await c.query(`select count(*)::int as n from password_reset where user_id = $1`, [userId])).rows[0].n;
    return { hash: user.password_hash, epoch: user.session_epoch, resets };
  });
}

export async function sql(t: TestApp, text: string, params: unknown[]): Promise<void> {
  await withClient(t.databaseUrl, (c) => c.query(text, params));
}
