import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { SANCTION_LEVELS, TEXT_LIMITS, type SanctionLevel } from '#domain';
import { IsCalendarDate } from '../../http/params.js';

export class ImposeSanctionRequest {
  @ApiProperty({ enum: SANCTION_LEVELS, example: 'LIGHT' })
  @IsIn(SANCTION_LEVELS as readonly string[])
  level: SanctionLevel;

  @ApiProperty({ example: 'Absent without leave for 5 days' })
  @IsString()
  @Length(1, TEXT_LIMITS.sanctionReason)
  reason: string;

  @ApiProperty({ example: '2026-01-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('from')
  from: string;

  @ApiProperty({ example: '2026-12-31' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'until must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('until')
  until: string;
}
