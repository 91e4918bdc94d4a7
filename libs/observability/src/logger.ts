import pino, { Logger, LoggerOptions } from 'pino';

/**
 * Never written to a log, wherever a line carries them: credentials in request headers and
 * secret settings (config objects are logged through redactedConfig, which hides them too).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'config.AUTH_JWT_SECRET',
  'config.KAFKA_SASL_PASSWORD',
  'sasl.password',
];

/** Structured JSON logs on stdout; `service` on every line so aggregated logs can be split. */
export function loggerOptions(service: string, level: string): LoggerOptions {
  return {
    level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
}

export function createLogger(service: string, level = 'info'): Logger {
  return pino(loggerOptions(service, level));
}
