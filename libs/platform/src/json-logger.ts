import type { LoggerService, LogLevel } from '@nestjs/common';
import { pino, type Logger as Pino } from 'pino';

/** Never let a credential reach a log line, whatever shape it arrives in. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'token',
  '*.token',
  '*.authorization',
  '*.password',
  '*.secret',
];

/** Writes to stdout asynchronously unless given a destination (pino flushes what is buffered on exit). */
export function createRootLogger(level: string, destination: pino.DestinationStream = pino.destination({ dest: 1, sync: false })): Pino {
  return pino(
    {
      level,
      base: { service: 'jenjang' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/**
 * Nest's logger interface over pino: one JSON line per entry. Accepts Nest's
 * `log(message, context)` and pino's `log({ ...fields }, message)` shapes.
 */
export class JsonLogger implements LoggerService {
  constructor(private readonly root: Pino) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
  setLogLevels(levels: LogLevel[]): void {
    const order: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];
    const lowest = order.find((l) => levels.includes(l)) ?? 'log';
    this.root.level = { verbose: 'trace', debug: 'debug', log: 'info', warn: 'warn', error: 'error', fatal: 'fatal' }[lowest];
  }

  private write(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal', message: unknown, rest: unknown[]): void {
    // Nest passes the context (a class name) last.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      const text = typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
      this.root[level]({ context, ...(message as Record<string, unknown>) }, text);
      return;
    }
    if (message instanceof Error) {
      this.root[level]({ context, err: message }, message.message);
      return;
    }
    const stack = typeof rest[0] === 'string' ? rest[0] : undefined;
    this.root[level]({ context, ...(stack ? { stack } : {}) }, String(message));
  }
}
