import { parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { packageWithBonus, redisEnv } from '../../billing/__tests__/billing-support.js';
import { ledgerAudit, ok, signInAdmin } from '../../gateway/__tests__/support.js';
import { member, send, PUBLIC_URL } from '../../promotions/__tests__/gift-support.js';
import { ZERO_POSITION } from '../analytics.close.js';
import { buyInTestMode, credits, summary, utcMidnight } from './summary-support.js';

describe('adminBillingSummary: a gift moves paid credit, it neither sells nor grants any', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ STRIPE_SECRET_KEY: '', PUBLIC_URL, ...redisEnv('summary-gifts') });
    admin = await signInAdmin(t);
  });
  afterAll(async () => {
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
    await t?.stop();
  });

  it('a gift to a member: outstanding, sold and granted unchanged; the gift grant is paid credit', async () => {
    const pkg = await packageWithBonus(t, admin);
    const [a, b] = [await member(t, 'sg-from'), await member(t, 'sg-to')];
    await buyInTestMode(t, { id: a.id, token: a.token }, pkg.code);
    const before = await summary(t, admin, utcMidnight(0), utcMidnight(1));
    ok(await send(t, a, { recipientEmail: b.email, credits: '100' }), 'sendGift');
    const after = await summary(t, admin, utcMidnight(0), utcMidnight(1));
    for (const field of ['creditsSold', 'creditsGranted', 'creditsConsumed', 'outstandingCredits']) expect(after[field], field).toBe(before[field]);
    const [gift] = await t.app.sql.query(
      `select g.amount::text from credit_grant g join credit_account c on c.id = g.account_id where c.user_id = $1 and g.source = 'gift'`,
      [b.id],
    );
    expect(BigInt(gift!.amount)).toBe(parseCredits('100'));
    // What left the sender's paid grants came back as the recipient's paid gift; what left promotional grants became paid.
    const [drawn] = await t.app.sql.query(
      `select coalesce(sum(eg.amount) filter (where g.source = 'purchase' and e2.idempotency_key like '%:credits'), 0)::text as paid
       from ledger_entry e join ledger_entry_grant eg on eg.entry_id = e.id join credit_grant g on g.id = eg.grant_id join ledger_entry e2 on e2.id = g.entry_id
       where e.type = 'gift_sent'`,
    );
    expect(credits(after.outstandingPaidCredits) - credits(before.outstandingPaidCredits)).toBe(parseCredits('100') - BigInt(drawn!.paid));
    const close = t.app.services.analytics.summary.close;
    const day = utcMidnight(0).slice(0, 10);
    const prev = (await close.before(day))?.position ?? ZERO_POSITION;
    expect((await close.dayFigures(day, prev)).position).toEqual(await close.livePosition());
  });
});
