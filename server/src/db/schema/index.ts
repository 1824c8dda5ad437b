// The one barrel in server/src: drizzle-kit and the drizzle client need every table in one module.
export * from './audit.js';
export * from './engagement.js';
export * from './locations.js';
export * from './patients.js';
export * from './practices.js';
export * from './providers.js';
export * from './rooms.js';
export * from './scheduling.js';
export * from './insurance.js';
export * from './billing.js';
export * from './partners.js';
export * from './superbills.js';
export * from './claims.js';
export * from './ledger.js';
export * from './remittances.js';
