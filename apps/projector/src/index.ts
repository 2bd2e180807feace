export * from './projector.js';
export * from './projector.module.js';
export * from './sla-clock.js';
