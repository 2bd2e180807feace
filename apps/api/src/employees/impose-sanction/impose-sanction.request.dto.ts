import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { SANCTION_LEVELS, SANCTION_TYPES, TEXT_LIMITS, type SanctionLevel, type SanctionType } from '#domain';
import { IsCalendarDate } from '../../http/params.js';

export class ImposeSanctionRequest {
  @ApiProperty({ enum: SANCTION_LEVELS, example: 'MODERATE' })
  @IsIn(SANCTION_LEVELS as readonly string[])
  level: SanctionLevel;

  @ApiProperty({
    enum: SANCTION_TYPES,
    example: 'ALLOWANCE_CUT_6M',
    description: 'PP 94/2021, of the level; the term (until) follows from it',
  })
  @IsIn(SANCTION_TYPES as readonly string[])
  type: SanctionType;

  @ApiProperty({ example: 'Absent without leave for 5 days' })
  @IsString()
  @Length(1, TEXT_LIMITS.sanctionReason)
  reason: string;

  @ApiProperty({ example: '800/12/BKPSDM/2026' })
  @IsString()
  @Length(1, TEXT_LIMITS.decreeNumber)
  decreeNumber: string;

  @ApiProperty({ example: '2026-01-20' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'decreeDate must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('decreeDate')
  decreeDate: string;

  @ApiProperty({ example: '2026-02-01', description: 'First day of the sanction' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('from')
  from: string;
}
