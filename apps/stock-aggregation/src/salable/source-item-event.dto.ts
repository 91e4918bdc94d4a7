import {
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import type { SourceItemEventType, SourceItemStatus } from '@inventory/contracts';

/** A 4-place decimal as source-inventory's contracts write it ("12.5000", "-3.0000"). */
const DECIMAL = /^-?\d{1,12}\.\d{4}$/;

/**
 * The fields every event of `inventory.source-items.v1` carries (`SourceItemEventBase` in
 * @inventory/contracts): the item's quantity and status after the event, which is all this
 * service uses. The per-type classes below declare their own fields so that a malformed event
 * of any of the nine types is dead-lettered as invalid rather than half-applied.
 */
export class SourceItemEventDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  source_code!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  sku!: string;

  @Matches(DECIMAL)
  quantity!: string;

  @IsIn([0, 1])
  status!: SourceItemStatus;

  @IsString()
  occurred_at!: string;

  @IsString()
  reason!: string;

  @IsOptional()
  @IsString()
  reference?: string;
}

export class SourceItemSavedDto extends SourceItemEventDto {
  @ValidateIf((_, v) => v !== null)
  @Matches(DECIMAL)
  previous_quantity!: string | null;

  @ValidateIf((_, v) => v !== null)
  @IsIn([0, 1])
  previous_status!: SourceItemStatus | null;
}

export class SourceItemAdjustedDto extends SourceItemEventDto {
  @Matches(DECIMAL)
  delta!: string;
}

export class SourceItemDeductedDto extends SourceItemEventDto {
  @Matches(DECIMAL)
  qty!: string;

  @IsString()
  shipment_id!: string;
}

export class SourceItemRestockedDto extends SourceItemEventDto {
  @Matches(DECIMAL)
  qty!: string;

  @IsString()
  creditmemo_id!: string;
}

export class SourceItemTransferredOutDto extends SourceItemEventDto {
  @Matches(DECIMAL)
  qty!: string;

  @IsString()
  transfer_id!: string;

  @IsString()
  destination_source_code!: string;
}

export class SourceItemTransferredInDto extends SourceItemEventDto {
  @Matches(DECIMAL)
  qty!: string;

  @IsString()
  transfer_id!: string;

  @IsString()
  origin_source_code!: string;
}

export class LowStockThresholdSetDto extends SourceItemEventDto {
  @ValidateIf((_, v) => v !== null)
  @Matches(DECIMAL)
  notify_stock_qty!: string | null;
}

/** Every type of the topic, each with its payload class (no type is ignored). */
export const SOURCE_ITEM_EVENT_TYPES: Record<SourceItemEventType, typeof SourceItemEventDto> = {
  source_item_saved: SourceItemSavedDto,
  source_item_adjusted: SourceItemAdjustedDto,
  source_item_deducted: SourceItemDeductedDto,
  source_item_deduction_reverted: SourceItemDeductedDto,
  source_item_restocked: SourceItemRestockedDto,
  source_item_transferred_out: SourceItemTransferredOutDto,
  source_item_transferred_in: SourceItemTransferredInDto,
  source_item_unassigned: SourceItemEventDto,
  low_stock_threshold_set: LowStockThresholdSetDto,
};
