import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { startFakeSmtp, type FakeSmtp } from '../../../test-support/fake-smtp.js';
import { withClient } from '../../../test-support/database.js';
import { recordSecret } from '../../../test-support/log-capture.js';
import type { OutgoingMail } from '../mail.types.js';

const mail = (to: string, extra: Partial<OutgoingMail> = {}): OutgoingMail => ({
  kind: 'password_reset',
  to,
  userId: null,
  subject: 'Reset your Tollgate password',
  text: 'Follow this link: http://localhost:4000/reset-password?token=abc%20def — it works for 1 hour. Grüße',
  ...extra,
});

const outboxRows = (t: TestApp, to: string) =>
  withClient(t.databaseUrl, async (c) => (await c.query(`select * from mail_outbox where to_address = $1 order by seq`, [to])).rows);

describe('mail over SMTP_URL', () => {
  let smtp: FakeSmtp;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startFakeSmtp();
    recordSecret('smtp-pass'); // the SMTP password must never reach a log line
    t = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Tollgate Test <mail@tollgate.test>' });
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });

  it('delivers through the SMTP server, signed in with the URL credentials, and records it as sent', async () => {
    await t.app.services.mail.send(mail('smtp-1@example.test'));
    expect(smtp.received).toHaveLength(1);
    const [got] = smtp.received;
    expect(got).toMatchObject({ from: 'mail@tollgate.test', to: ['smtp-1@example.test'], user: 'mailer', subject: 'Reset your Tollgate password' });
    expect(got.text).toContain('http://localhost:4000/reset-password?token=abc%20def');
    expect(got.text).toContain('Grüße');
    const rows = await outboxRows(t, 'smtp-1@example.test');
    expect(rows).toMatchObject([{ kind: 'password_reset', status: 'sent', transport: 'smtp', error: null }]);
    // Delivered, the link's bearer token is not kept where admins read: the rest of the text is.
    expect(rows[0].text).toContain('http://localhost:4000/reset-password?token=[removed] — it works for 1 hour. Grüße');
    expect(rows[0].text).not.toContain('abc%20def');
  });

  it('a refused delivery is recorded as failed, logged, and never thrown to the caller', async () => {
    smtp.rejectRecipients = true;
    try {
      await expect(t.app.services.mail.send(mail('smtp-refused@example.test'))).resolves.toBeUndefined();
    } finally {
      smtp.rejectRecipients = false;
    }
    const [row] = await outboxRows(t, 'smtp-refused@example.test');
    expect(row).toMatchObject({ status: 'failed', transport: 'smtp' });
    expect(row.error).toMatch(/550/);
    expect(row.error).not.toContain('smtp-pass');
    expect(t.logs().some((l) => l.includes('mail delivery failed'))).toBe(true);
  });
});

describe('mail without SMTP_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SMTP_URL: undefined });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('keeps the mail in the development outbox, text and links whole (the outbox is the delivery)', async () => {
    await t.app.services.mail.send(mail('outbox-1@example.test'));
    const rows = await outboxRows(t, 'outbox-1@example.test');
    expect(rows).toMatchObject([{ kind: 'password_reset', status: 'sent', transport: 'outbox', subject: 'Reset your Tollgate password' }]);
    expect(rows[0].text).toContain('http://localhost:4000/reset-password?token=abc%20def');
  });

  it('an SMTP server that is not there fails the mail, not the caller', async () => {
    const smtp = await startFakeSmtp();
    await smtp.close(); // its port is now closed
    const t2 = await startTestApp({ SMTP_URL: smtp.url }, { databaseUrl: t.databaseUrl });
    try {
      await t2.app.services.mail.send(mail('smtp-down@example.test'));
    } finally {
      await t2.app.stop();
    }
    expect(await outboxRows(t, 'smtp-down@example.test')).toMatchObject([{ status: 'failed', transport: 'smtp' }]);
  });
});
