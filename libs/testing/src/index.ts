export * from './postgres-harness.js';
export * from './projection-spec.js';
export * from './promotion-fixtures.js';
export * from './processes.js';
export * from './private-postgres.js';
export * from './jenjang-processes.js';
export * from './http-load.js';
