import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsOptional,
  ValidateBy,
  ValidateNested,
  ValidationOptions,
  buildMessage,
} from 'class-validator';

/**
 * Magento clients send booleans as true/1/"1" and decimals as numbers or strings, so the edge
 * accepts any scalar and the domain (mergeInventoryConfiguration / mergeStockItem) reads each
 * value and answers with MSI messages.
 */
const IsScalar = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isScalar',
      validator: {
        validate: (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a boolean, a number or a string`,
          options,
        ),
      },
    },
    options,
  );

const Field = (example: unknown): PropertyDecorator => {
  const decorators = [ApiPropertyOptional({ example }), IsOptional(), IsScalar()];
  return (target, key) => decorators.forEach((d) => d(target, key));
};

export class InventoryConfigurationDto {
  @Field(true) manage_stock?: unknown;
  @Field(0) min_qty?: unknown;
  @Field(0) backorders?: unknown;
  @Field(1) min_sale_qty?: unknown;
  @Field(10000) max_sale_qty?: unknown;
  @Field(false) enable_qty_increments?: unknown;
  @Field(1) qty_increments?: unknown;
  @Field(false) is_qty_decimal?: unknown;
  @Field(1) notify_stock_qty?: unknown;
}

export class StockItemDto extends InventoryConfigurationDto {
  @Field('SKU-1') sku?: unknown;
  @Field('simple') type_id?: unknown;
  @Field(true) use_config_manage_stock?: unknown;
  @Field(true) use_config_min_qty?: unknown;
  @Field(true) use_config_backorders?: unknown;
  @Field(true) use_config_min_sale_qty?: unknown;
  @Field(true) use_config_max_sale_qty?: unknown;
  @Field(true) use_config_enable_qty_inc?: unknown;
  @Field(true) use_config_qty_increments?: unknown;
  @Field(true) use_config_notify_stock_qty?: unknown;
}

export class SaveConfigurationRequest {
  @ApiProperty({ type: InventoryConfigurationDto })
  @ValidateNested()
  @Type(() => InventoryConfigurationDto)
  configuration!: InventoryConfigurationDto;
}

export class SaveStockItemRequest {
  @ApiProperty({ type: StockItemDto })
  @ValidateNested()
  @Type(() => StockItemDto)
  stockItem!: StockItemDto;
}
