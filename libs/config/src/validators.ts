import { accessSync, constants } from 'fs';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidationArguments, ValidationOptions, buildMessage } from 'class-validator';
import { parseApiKeys } from './api-keys';

const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$/;

/** Comma-separated `host:port` list, e.g. `127.0.0.1:9092,127.0.0.1:9094`. */
export function IsBrokerList(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBrokerList',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          value.trim() !== '' &&
          value.split(',').every((b) => HOST_PORT.test(b.trim())),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a comma-separated list of host:port (got "$value")`,
          options,
        ),
      },
    },
    options,
  );
}

/**
 * AUTH_API_KEYS (see parseApiKeys). Unset is an error too: the property carries the rule that
 * some credential source is configured (guard it with ValidateIf). Messages never quote the value.
 */
export function IsApiKeyList(whenUnset: string): PropertyDecorator {
  return ValidateBy({
    name: 'isApiKeyList',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && parseApiKeys(value).problems.length === 0,
      defaultMessage: (args?: ValidationArguments) =>
        typeof args?.value !== 'string'
          ? whenUnset
          : `${args.property} ${parseApiKeys(args.value).problems.join('; ')}`,
    },
  });
}

/** A file the process can read (a CA bundle), checked at boot rather than at first connect. */
export function IsReadableFile(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isReadableFile',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || value === '') return false;
          try {
            accessSync(value, constants.R_OK);
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: buildMessage(
          (each) => `${each}$property must name a readable file (got "$value")`,
          options,
        ),
      },
    },
    options,
  );
}

/** The variable may only be set together with another setting, e.g. a CA file only with TLS on. */
export function OnlyWhen(
  condition: (config: Record<string, unknown>) => boolean,
  message: string,
): PropertyDecorator {
  return ValidateBy({
    name: 'onlyWhen',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        value === undefined || condition(args?.object as Record<string, unknown>),
      defaultMessage: () => message,
    },
  });
}

/** Environment values are strings; turn numeric ones into numbers and leave garbage for the validator. */
export const ToInt = (): PropertyDecorator =>
  Transform(({ value }) =>
    typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value,
  );

export const ToBool = (): PropertyDecorator =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const v = value.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off'].includes(v)) return false;
    return value;
  });
