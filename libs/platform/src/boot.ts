import { ConfigurationError } from '#config';

/**
 * How a process that cannot start ends: one JSON line on stderr saying why, exit status 1. (Nest,
 * left to itself, aborts on an error thrown while it builds the modules: a core dump, status 134.)
 */
export function exitOnBootFailure(error: unknown): never {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
  const known = error instanceof ConfigurationError;
  const line = {
    level: 'fatal',
    time: new Date().toISOString(),
    service: 'jenjang',
    msg: `cannot start: ${message}`,
    ...(!known && error instanceof Error ? { stack: error.stack } : {}),
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
  process.exit(1);
}
