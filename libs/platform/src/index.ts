export * from './platform.module.js';
export * from './json-logger.js';
export * from './metrics.js';
export * from './request-log.js';
export * from './shared-result.js';
export * from './boot.js';
