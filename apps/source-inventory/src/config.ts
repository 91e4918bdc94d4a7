import { IsNumber, Min } from 'class-validator';
import { ServiceConfig } from '@inventory/config';
import { Transform } from 'class-transformer';

export class SourceInventoryConfig extends ServiceConfig {
  override HTTP_PORT: number = 8081;

  /** Notify-below quantity of source items that have none of their own (MSI's global default). */
  @Transform(({ value }) =>
    typeof value === 'string' && value.trim() !== '' && !isNaN(Number(value))
      ? Number(value)
      : value,
  )
  @IsNumber({}, { message: 'LOW_STOCK_DEFAULT_NOTIFY_QTY must be a number' })
  @Min(0)
  LOW_STOCK_DEFAULT_NOTIFY_QTY: number = 1;
}
