export * from './postgres-harness.js';
export * from './projection-spec.js';
