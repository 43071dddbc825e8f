export * from './auth.js';
export * from './money.js';
export * from './pricing.js';
export * from './overage.js';
export * from './tokens.js';
export * from './byok.js';
export * from './duration.js';
export * from './teams.js';
