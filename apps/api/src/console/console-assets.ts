import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ConsoleAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

/** Asset names are flat: a name is looked up in a map, never joined onto a path from the request. */
const ASSET_NAME = /^[a-z0-9][a-z0-9._-]{0,80}$/;
/** Where the console's files live in the source tree, relative to the repository root. */
const SOURCE_PATH = join('apps', 'api', 'src', 'console', 'public');
const CHART_JS = 'chart.umd.js';

/**
 * The console's static files, read once into memory. Found beside this module when run from
 * source (`apps/api/src/console/public`), or, when run from `dist/`, in the source tree above it
 * (tsc does not copy non-TypeScript files).
 */
export function findConsoleDirectory(from = dirname(fileURLToPath(import.meta.url))): string | null {
  const beside = join(from, 'public');
  if (existsSync(join(beside, 'index.html'))) return beside;
  let dir = from;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, SOURCE_PATH);
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

/** Chart.js's UMD build from node_modules (its package exports do not list it, so resolve the package). */
export function findChartJs(): string | null {
  try {
    const main = createRequire(import.meta.url).resolve('chart.js');
    const umd = resolve(dirname(main), CHART_JS);
    return existsSync(umd) ? umd : null;
  } catch {
    return null;
  }
}

function asset(name: string, body: Buffer): ConsoleAsset {
  return {
    body,
    contentType: CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}

export class ConsoleAssets {
  private readonly files = new Map<string, ConsoleAsset>();
  readonly directory: string | null;

  constructor(directory = findConsoleDirectory(), chartJs = findChartJs()) {
    this.directory = directory;
    if (directory) {
      for (const name of readdirSync(directory)) {
        const path = join(directory, name);
        if (ASSET_NAME.test(name) && CONTENT_TYPES[extname(name)] && statSync(path).isFile()) {
          this.files.set(name, asset(name, readFileSync(path)));
        }
      }
    }
    if (chartJs) {
      // Drop the source-map comment: the map is not served, and a browser would ask for it.
      const source = readFileSync(chartJs, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
      this.files.set(CHART_JS, asset(CHART_JS, Buffer.from(source)));
    }
  }

  get(name: string): ConsoleAsset | undefined {
    return ASSET_NAME.test(name) ? this.files.get(name) : undefined;
  }

  get names(): string[] {
    return [...this.files.keys()].sort();
  }
}
