export * from './merkle.js';
export * from './canonical.js';
export * from './checkpoint.js';
export * from './ledger-store.js';
export * from './sequencer.js';
export * from './verifier.js';
export * from './ledger.module.js';
export * from './migrations/1732300000300-ledger.js';
