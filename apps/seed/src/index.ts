export { DEFAULT_SEED_EMPLOYEES, planDemoData } from './demo-plan.js';
export type { DemoPlan, PlanOptions } from './demo-plan.js';
export * from './demo-seed.js';
export * from './seed-clock.js';
export * from './seed-report.js';
export * from './first-start-seed.js';
