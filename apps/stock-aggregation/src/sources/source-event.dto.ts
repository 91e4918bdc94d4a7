import { ValidateBy, IsObject, IsString, ValidationOptions, buildMessage } from 'class-validator';
import type { SourceData } from '@inventory/contracts';

/** The parts of a source this service relies on; the rest is kept as sent. */
function isSourceData(value: unknown): value is SourceData {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.source_code === 'string' &&
    v.source_code !== '' &&
    typeof v.name === 'string' &&
    typeof v.enabled === 'boolean'
  );
}

const IsSourceData = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isSourceData',
      validator: {
        validate: isSourceData,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a source with source_code, name and enabled`,
          options,
        ),
      },
    },
    options,
  );

/**
 * `source_created` / `source_updated` of `inventory.sources.v1`
 * (`SourceCreated` / `SourceUpdated` in @inventory/contracts). `source` is checked as a whole
 * rather than as a nested class, so that the whitelist keeps every field of it.
 */
export class SourceEventDto {
  @IsObject()
  @IsSourceData()
  source!: SourceData;

  @IsString()
  occurred_at!: string;
}
