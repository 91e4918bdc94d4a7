const SECRETS = Symbol('config:secrets');

type WithSecrets = { [SECRETS]?: Set<string> };

/** Marks a config variable whose value must never be logged (see redactedConfig). */
export function Secret(): PropertyDecorator {
  return (target, property) => {
    const proto = target as WithSecrets;
    // Own set per class, seeded from the parent's, so subclasses add without touching the base.
    if (!Object.prototype.hasOwnProperty.call(proto, SECRETS))
      proto[SECRETS] = new Set(proto[SECRETS] ?? []);
    proto[SECRETS]!.add(String(property));
  };
}

export const REDACTED = '[redacted]';

export function secretVariables(config: object): string[] {
  return [...((config as WithSecrets)[SECRETS] ?? [])];
}

/** A URL's password replaced, e.g. `postgres://app:[redacted]@db:5432/inventory`. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (!url.password) return value;
    url.password = REDACTED;
    return url.toString();
  } catch {
    return value;
  }
}

/**
 * The config as it may be logged: `@Secret()` values replaced and passwords cut out of URLs.
 * Operators see what a process runs with, never what it authenticates with.
 */
export function redactedConfig(config: object): Record<string, unknown> {
  const secrets = new Set(secretVariables(config));
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => {
      if (value === undefined) return [key, value];
      if (secrets.has(key)) return [key, REDACTED];
      return [key, typeof value === 'string' && value.includes('://') ? redactUrl(value) : value];
    }),
  );
}
