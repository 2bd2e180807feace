export * from './environment.js';
export * from './config.module.js';
export * from './clock.js';
export * from './reference-loader.js';
