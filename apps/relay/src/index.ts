export * from './relay.js';
export * from './relay.module.js';
