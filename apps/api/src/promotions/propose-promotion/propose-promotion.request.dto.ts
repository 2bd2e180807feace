import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { GRADES, PROMOTION_KINDS, TEXT_LIMITS, type Grade, type PromotionKind } from '#domain';
import { IsCalendarDate, IsNip } from '../../http/params.js';

export class ProposePromotionRequest {
  @ApiProperty({ example: '198507122010011001' })
  @IsNip()
  nip: string;

  @ApiProperty({ enum: PROMOTION_KINDS, example: 'REGULAR' })
  @IsIn(PROMOTION_KINDS as readonly string[])
  kind: PromotionKind;

  @ApiProperty({ enum: GRADES, example: 'III/c' })
  @IsIn(GRADES as readonly string[], { message: `toGrade must be one of ${GRADES.join(', ')}` })
  toGrade: Grade;

  @ApiProperty({ example: '2026-04-01', description: 'TMT: the first day of a month, within 12 months of today' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveDate must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('effectiveDate')
  effectiveDate: string;

  @ApiProperty({ example: 'Four years in III/b with BAIK appraisals; completed 40 JP of training' })
  @IsString()
  @Length(1, TEXT_LIMITS.justification)
  justification: string;

  @ApiPropertyOptional({
    example: 'Appraisal for 2024 was lost in the 2024 flood; paper record attached',
    description: 'Records the case although merit rules fail; the case is flagged as an exception',
  })
  @IsOptional()
  @IsString()
  @Length(1, TEXT_LIMITS.justification)
  exceptionJustification?: string;
}
