import { HttpException, HttpStatus } from '@nestjs/common';
import { MsiErrorBody, MsiErrorItem, VALIDATION_FAILED } from './msi-errors';
import { isRecord } from './query-shape';

/** The `errors` items of service-kit's ValidationPipe: one field, its class-validator reasons. */
interface FieldReasons {
  field: string;
  reasons: string[];
}

function isFieldReasons(v: unknown): v is FieldReasons {
  return (
    isRecord(v) &&
    typeof v.field === 'string' &&
    Array.isArray(v.reasons) &&
    v.reasons.every((r) => typeof r === 'string')
  );
}

/**
 * class-validator starts its reasons with the property name ("quantity must not be less than
 * 0") or, for forbidden properties, "property foo should not exist". That name becomes the
 * `%field` placeholder, so it is cut from the reason instead of being said twice.
 */
export function reasonTemplate(field: string, reason: string): string {
  const name = field.slice(field.lastIndexOf('.') + 1);
  const prefixes = [`property ${name} `, `${name} `];
  const prefix = prefixes.find((p) => reason.startsWith(p));
  const text = prefix ? `"%field" ${reason.slice(prefix.length)}` : `"%field": ${reason}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * Renders a 400 from the global ValidationPipe (libs/service-kit/src/validation.ts) as Magento's
 * ValidationException: one `{message, parameters: {field}}` per reason. `field` is the dotted
 * path (`items.0.quantity`), which tells the client exactly which value to fix.
 */
export function validationPipeError(e: unknown): MsiErrorBody | undefined {
  if (!(e instanceof HttpException) || e.getStatus() !== HttpStatus.BAD_REQUEST) return undefined;
  const response = e.getResponse();
  if (!isRecord(response) || !Array.isArray(response.errors)) return undefined;
  if (!response.errors.every(isFieldReasons)) return undefined;
  const errors: MsiErrorItem[] = response.errors.flatMap((f) =>
    f.reasons.map((reason) => ({
      message: reasonTemplate(f.field, reason),
      parameters: { field: f.field },
    })),
  );
  return { message: VALIDATION_FAILED, errors };
}
