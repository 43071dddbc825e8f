/** The referrals work's MikroORM entities (issue 11); entities.ts lists them. */
export const referralsEntities: Function[] = [];
