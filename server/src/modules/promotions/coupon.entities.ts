/** The coupons work's MikroORM entities (issue 11); entities.ts lists them. */
export const couponsEntities: Function[] = [];
