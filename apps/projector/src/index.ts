export * from './projector.js';
export * from './projector.module.js';
