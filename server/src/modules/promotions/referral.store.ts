import type { Sql } from '../../platform/sql.js';
import { newReferralCode, type Flag, type RefusedReason } from './referral.rules.js';

export type ReferralStatus = 'pending' | 'rewarded' | 'refused';

export interface ReferralRow {
  id: string;
  referrerId: string;
  referredId: string;
  status: ReferralStatus;
}

export interface ReferralReportRow {
  referrerEmail: string;
  referredEmail: string;
  status: ReferralStatus;
  refusedReason: RefusedReason | null;
  flags: Flag[];
  referrerBonus: bigint;
  referredBonus: bigint;
  createdAt: Date;
  rewardedAt: Date | null;
}

export interface NewReferral {
  referrerId: string;
  referredId: string;
  code: string;
  status: 'pending' | 'refused';
  refusedReason: RefusedReason | null;
  flags: Flag[];
  referredIp: string | null;
}

/** The referral tables: codes (with where each user was seen) and one referral row per referred user. */
export class ReferralStore {
  constructor(private readonly sql: Sql) {}

  /** The user's code, made now if the user has none (a clash with another user's code draws again). */
  async codeFor(userId: string, ip: string | null = null): Promise<string> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const rows = await this.sql.query(
        `with made as (
           insert into referral_code (user_id, code, signup_ip) values ($1, $2, $3) on conflict do nothing returning code)
         select code from made union all select code from referral_code where user_id = $1`,
        [userId, newReferralCode(), ip],
      );
      if (rows[0]) return rows[0].code;
    }
    throw new Error('could not draw a free referral code');
  }

  /** Where the user was last seen (sign-in, or reading their referral link): a later referral from there is flagged. */
  async seen(userId: string, ip: string): Promise<void> {
    await this.sql.query(`update referral_code set last_ip = $2 where user_id = $1`, [userId, ip]);
  }

  async ownerOf(code: string): Promise<{ userId: string; email: string; ips: Array<string | null> } | null> {
    const rows = await this.sql.query(
      `select c.user_id, u.email, c.signup_ip, c.last_ip from referral_code c join app_user u on u.id = c.user_id where c.code = $1`,
      [code],
    );
    const r = rows[0];
    return r ? { userId: r.user_id, email: r.email, ips: [r.signup_ip, r.last_ip] } : null;
  }

  /** Records a sign-up's referral; a second one for the same user is ignored (one referral per referred user). */
  async insert(r: NewReferral): Promise<void> {
    await this.sql.query(
      `insert into referral (referrer_id, referred_id, code, status, refused_reason, flags, referred_ip)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict (referred_id) do nothing`,
      [r.referrerId, r.referredId, r.code, r.status, r.refusedReason, r.flags, r.referredIp],
    );
  }

  /** The referred user's referral, row-locked in the paying transaction. */
  async lockForReferred(tx: Sql, referredId: string): Promise<ReferralRow | null> {
    const rows = await tx.query(`select id, referrer_id, referred_id, status from referral where referred_id = $1 for update`, [referredId]);
    const r = rows[0];
    return r ? { id: r.id, referrerId: r.referrer_id, referredId: r.referred_id, status: r.status } : null;
  }

  async markRewarded(tx: Sql, id: string, referrerBonus: bigint, referredBonus: bigint, reference: string): Promise<void> {
    await tx.query(
      `update referral set status = 'rewarded', referrer_bonus = $2, referred_bonus = $3, reward_reference = $4, rewarded_at = now()
       where id = $1 and status = 'pending'`,
      [id, referrerBonus, referredBonus, reference],
    );
  }

  async emails(tx: Sql, ids: string[]): Promise<Map<string, string>> {
    const rows = await tx.query(`select id, email from app_user where id = any($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id as string, r.email as string]));
  }

  /** The referrer's counts: everyone who signed up with the code, those rewarded, and the referrer's bonus so far. */
  async statsFor(userId: string): Promise<{ referred: number; rewarded: number; earned: bigint }> {
    const rows = await this.sql.query(
      `select count(*)::int as referred, count(*) filter (where status = 'rewarded')::int as rewarded,
              coalesce(sum(referrer_bonus) filter (where status = 'rewarded'), 0)::text as earned
       from referral where referrer_id = $1`,
      [userId],
    );
    return { referred: rows[0]!.referred, rewarded: rows[0]!.rewarded, earned: BigInt(rows[0]!.earned) };
  }

  /** The admin report, newest first. */
  async report(limit: number): Promise<ReferralReportRow[]> {
    const rows = await this.sql.query(
      `select a.email as referrer_email, b.email as referred_email, r.status, r.refused_reason, r.flags,
              r.referrer_bonus::text, r.referred_bonus::text, r.created_at, r.rewarded_at
       from referral r join app_user a on a.id = r.referrer_id join app_user b on b.id = r.referred_id
       order by r.created_at desc, r.id limit $1`,
      [limit],
    );
    return rows.map((r) => ({
      referrerEmail: r.referrer_email,
      referredEmail: r.referred_email,
      status: r.status,
      refusedReason: r.refused_reason,
      flags: r.flags,
      referrerBonus: BigInt(r.referrer_bonus),
      referredBonus: BigInt(r.referred_bonus),
      createdAt: r.created_at,
      rewardedAt: r.rewarded_at,
    }));
  }
}
