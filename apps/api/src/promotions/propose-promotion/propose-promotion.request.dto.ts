import { ApiProperty, PickType } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
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

  @ApiProperty({
    example: '2026-04-01',
    description: 'TMT: a KP period date of the reference data, from the first day of next month, at most 12 months ahead',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveDate must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('effectiveDate')
  effectiveDate: string;

  @ApiProperty({ example: 'Four years in III/b with BAIK appraisals; completed 40 JP of training' })
  @IsString()
  @Length(1, TEXT_LIMITS.justification)
  justification: string;
}

/** What a live preview needs: the rules are judged as a proposal would judge them, and nothing is written. */
export class PreviewPromotionRequest extends PickType(ProposePromotionRequest, ['nip', 'kind', 'toGrade', 'effectiveDate'] as const) {}
