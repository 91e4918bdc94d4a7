import { IsIn, IsISO8601, IsNotEmpty, IsString, IsUUID } from 'class-validator';

export class BusProbeSentDto {
  @IsIn(['bus_probe_sent'])
  type!: 'bus_probe_sent';

  @IsUUID()
  probe_id!: string;

  @IsString()
  @IsNotEmpty()
  sent_by!: string;

  @IsISO8601()
  sent_at!: string;
}
