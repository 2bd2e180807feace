import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { NUMBER_LIMITS, TEXT_LIMITS, type Rating } from '#domain';
import { IsNip } from '../../http/params.js';

const RATINGS = ['ABOVE', 'AS_EXPECTED', 'BELOW'] as const;

export class SubmitAppraisalRequest {
  @ApiProperty({ example: '198507122010011001' })
  @IsNip()
  nip: string;

  @ApiProperty({ example: 2025, description: 'The appraised year' })
  @IsInt()
  @Min(NUMBER_LIMITS.firstYear)
  @Max(NUMBER_LIMITS.lastYear)
  period: number;

  @ApiProperty({ enum: RATINGS, example: 'ABOVE', description: 'Work results against expectations' })
  @IsIn(RATINGS)
  results: Rating;

  @ApiProperty({ enum: RATINGS, example: 'AS_EXPECTED', description: 'Work behaviour against expectations' })
  @IsIn(RATINGS)
  behaviour: Rating;

  @ApiPropertyOptional({ example: 'Led the vaccination drive in Medan Marelan' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LIMITS.notes)
  notes?: string;
}
