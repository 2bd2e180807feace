export * from './runtime/projection.js';
export * from './runtime/projection-runner.js';
export * from './runtime/projection-rebuilder.js';
export * from './migrations/1732300000100-projection-runtime.js';
export * from './read-models/index.js';
export * from './database-migrations.js';
export * from './runtime/projection-lag.js';
