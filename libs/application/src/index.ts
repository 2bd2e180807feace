export * from './use-case.js';
export * from './command-runner.js';
export * from './streams.js';
export * from './use-cases/agencies.js';
export * from './use-cases/employees.js';
export * from './use-cases/facts.js';
export * from './use-cases/promotions.js';
export * from './use-cases/delegations.js';
export * from './application.module.js';
export * from './run-command.js';
export * from './sla-clock.js';
export * from './use-cases/upload-promotion-document.stub.js'; // TEMPORARY: see the file
