import {
  IsInt,
  IsObject,
  Min,
  ValidateBy,
  buildMessage,
  type ValidationOptions,
} from 'class-validator';

export interface StockWithChannels {
  stock_id: number;
  extension_attributes: { sales_channels: Array<{ type: string; code: string }> };
}

function isStockWithChannels(value: unknown): value is StockWithChannels {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const ext = v.extension_attributes as Record<string, unknown> | undefined;
  return (
    Number.isSafeInteger(v.stock_id) &&
    (v.stock_id as number) > 0 &&
    typeof ext === 'object' &&
    ext !== null &&
    Array.isArray(ext.sales_channels) &&
    ext.sales_channels.every(
      (c: unknown) =>
        typeof c === 'object' &&
        c !== null &&
        typeof (c as Record<string, unknown>).type === 'string' &&
        typeof (c as Record<string, unknown>).code === 'string',
    )
  );
}

const IsStockWithChannels = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isStockWithChannels',
      validator: {
        validate: isStockWithChannels,
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be a stock with stock_id and extension_attributes.sales_channels`,
          options,
        ),
      },
    },
    options,
  );

/** `stock_created` / `stock_updated` of inventory.stocks.v1: the whole stock after the change. */
export class StockSavedDto {
  @IsObject()
  @IsStockWithChannels()
  stock!: StockWithChannels;
}

/** `stock_deleted`. */
export class StockDeletedDto {
  @IsInt()
  @Min(1)
  stock_id!: number;
}
