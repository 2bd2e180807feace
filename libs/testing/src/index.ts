export * from './postgres-harness.js';
export * from './projection-spec.js';
export * from './promotion-fixtures.js';
