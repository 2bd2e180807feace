import { compareReferenceVersions, parseReferenceData, type ReferenceData } from '#domain';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NATIONAL_FILE = /^national-.+\.json$/;

/** The directory holding package.json above this module: the repository, from src/ and from dist/ alike. */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/**
 * Reads and validates every `national-*.json` in `dir` (default: the repository's `reference/`)
 * and returns the highest version. A broken file stops the boot, even if it is not the newest:
 * a document that ships must be valid.
 */
export function loadNationalReference(dir: string = join(repositoryRoot(), 'reference')): ReferenceData {
  const files = readdirSync(dir)
    .filter((name) => NATIONAL_FILE.test(name))
    .sort();
  if (files.length === 0) throw new Error(`No national-*.json reference data in ${dir}`);
  const versions = new Map<string, string>();
  let newest: ReferenceData | null = null;
  for (const file of files) {
    let document: ReferenceData;
    try {
      document = parseReferenceData(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    } catch (error) {
      throw new Error(`${join(dir, file)}: ${(error as Error).message}`, { cause: error });
    }
    const clash = versions.get(document.version);
    if (clash !== undefined) throw new Error(`${clash} and ${file} both state reference version ${document.version}`);
    versions.set(document.version, file);
    if (newest === null || compareReferenceVersions(document.version, newest.version) > 0) newest = document;
  }
  return newest as ReferenceData;
}
