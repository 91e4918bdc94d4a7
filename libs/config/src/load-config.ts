import 'reflect-metadata';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';

/** One problem with one environment variable, named so an operator can fix it. */
export interface ConfigProblem {
  variable: string;
  reasons: string[];
}

export class ConfigValidationError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly service: string,
    readonly problems: ConfigProblem[],
  ) {
    super(
      `Invalid configuration for ${service}:\n` +
        problems.map((p) => `  - ${p.variable}: ${p.reasons.join('; ')}`).join('\n'),
    );
  }
}

function flatten(errors: ValidationError[]): ConfigProblem[] {
  return errors.map((e) => ({
    variable: e.property,
    reasons: Object.values(e.constraints ?? {}),
  }));
}

/**
 * Reads environment variables into a validated, typed config object once at boot.
 * Empty strings count as set (so `KAFKA_BROKERS=` is reported as invalid, not defaulted).
 */
export function loadConfig<T extends object>(
  service: string,
  schema: ClassConstructor<T>,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const instance = plainToInstance(schema, { ...env }, { exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigValidationError(service, flatten(errors));
  return instance;
}

/** Boot helper: on invalid config print the message and exit non-zero before anything starts. */
export function loadConfigOrExit<T extends object>(
  service: string,
  schema: ClassConstructor<T>,
): T {
  try {
    return loadConfig(service, schema);
  } catch (err) {
    if (err instanceof ConfigValidationError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}
