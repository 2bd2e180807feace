import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { Rating } from '#domain';

const RATINGS = ['ABOVE', 'AS_EXPECTED', 'BELOW'] as const;

export class SubmitAppraisalRequest {
  @ApiProperty({ example: '198507122010011001' })
  @Matches(/^[0-9]{18}$/, { message: 'nip must be 18 digits' })
  nip: string;

  @ApiProperty({ example: 2025, description: 'The appraised year' })
  @IsInt()
  @Min(2000)
  @Max(2100)
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
  @MaxLength(4000)
  notes?: string;
}
