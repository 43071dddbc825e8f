/** The subscription work's MikroORM entities (issue 10); entities.ts lists them. */
export const subscriptionEntities: Function[] = [];
