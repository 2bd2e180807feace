export * from './demo-users.js';
export * from './demo-agencies.js';
