export * from './jwt.js';
export * from './auth.guard.js';
