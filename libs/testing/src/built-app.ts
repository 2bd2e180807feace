import { builtScript, ensureBuilt } from './processes.js';

/** The path of a compiled app entry point (`apps/relay/src/main.js`), dist/ brought up to date first. */
export async function builtApp(entry: string): Promise<string> {
  await ensureBuilt();
  return builtScript(entry);
}
