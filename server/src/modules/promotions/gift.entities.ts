/** The gifts work uses no MikroORM entity: its rows are raw SQL on the money path (gift.store.ts). */
export const giftsEntities: Function[] = [];
