/**
 * The verify worker, compiled for a test run: Jest runs the TypeScript sources, but a worker
 * thread needs JavaScript. The three files it loads are transpiled under .data/ (inside the
 * repository, so `pg` resolves) and the verifier is pointed at them.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

// The worker's own files, and the domain's canonical JSON they import (as `#domain`, rewritten to the copy).
const SOURCES = ['canonical', 'event-check', 'verify-worker'];
const DOMAIN_SOURCES = ['canonical-json'];

export function compileVerifyWorker(): { url: URL; dispose(): void } {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = resolve(here, '..', '..', '..', '..');
  const out = join(root, '.data', `verify-worker-${process.pid}`);
  mkdirSync(out, { recursive: true });
  for (const name of SOURCES) {
    const source = readFileSync(resolve(here, '..', `${name}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(join(out, `${name}.js`), outputText.replaceAll(`from '#domain'`, `from './canonical-json.js'`));
  }
  for (const name of DOMAIN_SOURCES) {
    const source = readFileSync(resolve(here, '..', '..', '..', 'domain', 'src', `${name}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(join(out, `${name}.js`), outputText);
  }
  return { url: pathToFileURL(join(out, 'verify-worker.js')), dispose: () => rmSync(out, { recursive: true, force: true }) };
}
