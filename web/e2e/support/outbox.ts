import type { Page } from 'playwright-core';
import type { AppSession } from './app-session';

/**
 * The admin's side of a mailed link in development (no SMTP_URL): the console's Outbox, as a
 * person reads it. Each helper works on a page of its own, so the user's page keeps its place.
 */

/** A second browser signed in as the server's admin, through the sign-in form. */
export async function signInAdminBrowser(app: AppSession): Promise<Page> {
  const admin = await app.openSecondBrowser();
  await admin.goto(app.at('/sign-in'));
  await admin.getByTestId('email-input').fill(app.server.admin.email);
  await admin.getByTestId('password-input').fill(app.server.admin.password);
  await admin.getByTestId('submit').click();
  await admin.locator('[data-testid="console"], [data-testid="console-link"]').first().waitFor();
  return admin;
}

/**
 * Opens the Outbox on `admin`, filtered to `to`, opens the newest mail of `kind` and returns every
 * link in its text, in order. The mail goes out just after the answer that caused it: the list is
 * refreshed until it is there.
 */
export async function outboxMailLinks(app: AppSession, admin: Page, { to, kind }: { to: string; kind: string }): Promise<string[]> {
  await app.openInConsole('Outbox', admin);
  await admin.getByTestId('outbox-to-input').fill(to);
  const mail = admin.locator(`[data-testid="outbox-mail"][data-kind="${kind}"]`).filter({ hasText: to });
  for (let i = 0; i < 50 && (await mail.count()) === 0; i += 1) {
    await admin.getByRole('button', { name: 'Refresh' }).click();
    await admin.waitForTimeout(200);
  }
  const newest = mail.first();
  await newest.locator('summary').click();
  return newest
    .getByTestId('outbox-text')
    .locator('a')
    .evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
}

/** The first link of the newest `kind` mail to `to` that matches `link` (e.g. /\/invite\//). */
export async function linkFromOutbox(app: AppSession, admin: Page, { to, kind, link }: { to: string; kind: string; link: RegExp }): Promise<string> {
  const hrefs = await outboxMailLinks(app, admin, { to, kind });
  const href = hrefs.find((h) => link.test(h));
  if (!href) throw new Error(`no link matching ${link} in the ${kind} mail to ${to}: ${hrefs.join(', ') || 'none'}`);
  return href;
}
