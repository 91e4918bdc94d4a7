import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

/** A positive decimal with at most 4 places, as a JSON number or string. */
const QTY = /^(?:\d{1,15})(?:\.\d{1,4})?$/;

export class SourceCommandLineDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sku!: string;

  @Matches(QTY, { message: 'qty must be a positive decimal with at most 4 decimal places' })
  @Type(() => String)
  qty!: string;
}

class SourceCommandBase {
  @IsUUID()
  event_id!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  source_code!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => SourceCommandLineDto)
  items!: SourceCommandLineDto[];
}

export class DeductSourceItemsDto extends SourceCommandBase {
  @IsIn(['deduct_source_items'])
  type!: 'deduct_source_items';

  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  shipment_id!: string;
}

export class RestockSourceItemsDto extends SourceCommandBase {
  @IsIn(['restock_source_items'])
  type!: 'restock_source_items';

  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  creditmemo_id!: string;
}
