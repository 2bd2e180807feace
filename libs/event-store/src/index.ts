export * from './errors.js';
export * from './hashing.js';
export * from './event-store.js';
export * from './database.js';
export * from './database.module.js';
export * from './leader-worker.js';
export * from './command-store.js';
export * from './store-queries.js';
