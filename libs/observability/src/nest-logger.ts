import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

/**
 * Nest's own log lines (bootstrap, module errors, `new Logger(ctx).log(...)`) as pino JSON with
 * a `context` field. Requests are logged by `accessLog`, not here: no middleware, no per-request
 * child logger or async context (which cost more per request than a Redis read).
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params, true);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params, true);
  }

  /** Nest passes `(message, context)`, or for errors `(message, stack, context)`. */
  private write(level: Level, message: unknown, params: unknown[], withStack = false): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const rest = [...params];
    const context =
      typeof rest[rest.length - 1] === 'string' && rest.length > 0 ? rest.pop() : undefined;
    const stack = withStack && typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (context !== undefined) fields.context = context;
    if (message instanceof Error) {
      fields.err = message;
      this.logger[level](fields, message.message);
      return;
    }
    if (stack) fields.err = { stack };
    if (message !== null && typeof message === 'object') {
      this.logger[level]({ ...fields, ...(message as object) });
      return;
    }
    this.logger[level](fields, String(message));
  }
}
