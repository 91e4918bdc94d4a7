import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions, buildMessage } from 'class-validator';

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
