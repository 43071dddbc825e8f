export * from './auth.js';
export * from './money.js';
