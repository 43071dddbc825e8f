/** The refunds work's MikroORM entities (issue 10); entities.ts lists them. */
export const refundsEntities: Function[] = [];
