import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { STAGE_DECISIONS, TEXT_LIMITS, type StageDecision } from '#domain';

export class DecidePromotionRequest {
  @ApiProperty({ enum: STAGE_DECISIONS, example: 'APPROVE' })
  @IsIn(STAGE_DECISIONS as readonly string[])
  decision: StageDecision;

  @ApiPropertyOptional({ example: 'SKP 2024 is missing its signature page', description: 'Required for RETURN and REJECT' })
  @IsOptional()
  @IsString()
  @Length(1, TEXT_LIMITS.reason)
  reason?: string;

  @ApiPropertyOptional({ example: 3, description: 'The case version last read; a stale one is 409 CONCURRENCY_CONFLICT' })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;
}

export class CaseActionRequest {
  @ApiPropertyOptional({ example: 3 })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;
}

export class WithdrawPromotionRequest extends CaseActionRequest {
  @ApiPropertyOptional({ example: 'The candidate moved to another agency' })
  @IsOptional()
  @IsString()
  @Length(1, TEXT_LIMITS.reason)
  reason?: string;
}
