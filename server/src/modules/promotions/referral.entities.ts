/**
 * The referrals work's MikroORM entities (issue 11); entities.ts lists them. None: the referral tables
 * (migration 18) are read and written with plain SQL inside the paying transaction (referral.store.ts).
 */
export const referralsEntities: Function[] = [];
