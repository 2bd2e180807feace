import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, IsString, Length, Matches, Max, Min } from 'class-validator';
import { NUMBER_LIMITS, TEXT_LIMITS } from '#domain';
import { IsCalendarDate } from '../../http/params.js';

export class StateCreditPointsRequest {
  @ApiProperty({ example: '800/PAK/017/2026', description: 'Number of the PAK' })
  @IsString()
  @Length(1, TEXT_LIMITS.decreeNumber)
  pakNumber: string;

  @ApiProperty({ example: '2026-02-15', description: 'Date of the PAK; not in the future' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'statedOn must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('statedOn')
  statedOn: string;

  @ApiProperty({ example: 52.125, description: 'Credit points stated, at most 3 decimals' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: NUMBER_LIMITS.creditPointDecimals })
  @Min(0)
  @Max(NUMBER_LIMITS.maxCreditPoints)
  points: number;
}
