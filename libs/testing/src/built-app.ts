import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** The newest modification time under `dir` of a source file the build compiles. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The path of a compiled app entry point (`apps/relay/src/main.js`) for tests that run the apps
 * as real processes; compiles the project first (tsconfig.build.json) when dist/ is missing or
 * older than a source file.
 */
export async function builtApp(entry: string): Promise<string> {
  const script = join(ROOT, 'dist', entry);
  let builtAt = 0;
  try {
    builtAt = statSync(script).mtimeMs;
  } catch {
    // not built yet
  }
  const sources = Math.max(newestSource(join(ROOT, 'apps')), newestSource(join(ROOT, 'libs')));
  if (builtAt < sources) {
    await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
      cwd: ROOT,
      timeout: 300_000,
    });
  }
  return script;
}
