export * from './api.module.js';
export * from './http/http-app.js';
export * from './http/listen.js';
