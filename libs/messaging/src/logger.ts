import { logLevel, type logCreator } from 'kafkajs';

/**
 * The smallest logger the transports need. Nest's `Logger` and nestjs-pino's `Logger` fit as they are;
 * a bare pino instance needs a three-line adapter (it has `info`, not `log`).
 */
export interface MessagingLogger {
  log(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

export const consoleLogger: MessagingLogger = {
  log: (message, context) => console.log(`[messaging] ${message}`, context ?? ''),
  warn: (message, context) => console.warn(`[messaging] ${message}`, context ?? ''),
  error: (message, context) => console.error(`[messaging] ${message}`, context ?? ''),
};

export const silentLogger: MessagingLogger = { log: () => {}, warn: () => {}, error: () => {} };

/** Routes kafkajs's own logging to `logger`; kafkajs is chatty, so callers pass `logLevel.WARN`. */
export function kafkaLogCreator(logger: MessagingLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, logger: _name, ...extra } = log;
      const text = `kafkajs ${namespace}: ${message}`;
      const context = extra as Record<string, unknown>;
      if (level === logLevel.ERROR || level === logLevel.NOTHING) logger.error(text, context);
      else if (level === logLevel.WARN) logger.warn(text, context);
      else logger.log(text, context);
    };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
