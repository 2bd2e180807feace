import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { DOCUMENT_VERDICTS, NUMBER_LIMITS, STAGE_DECISIONS, TEXT_LIMITS, type DocumentVerdict, type StageDecision } from '#domain';
import { IsCalendarDate } from '../../http/params.js';

/** The verifier's verdict on one file of the berkas. */
export class DocumentVerdictRequest {
  @ApiProperty({ example: '5b0f7f1e-2d1a-4f4b-9a34-6b1d2a9d2a11' })
  @IsString()
  @Length(1, TEXT_LIMITS.id)
  documentId: string;

  @ApiProperty({ enum: DOCUMENT_VERDICTS, example: 'OK' })
  @IsIn(DOCUMENT_VERDICTS as readonly string[])
  verdict: DocumentVerdict;

  @ApiPropertyOptional({ example: 'The scan cuts off the signature' })
  @IsOptional()
  @IsString()
  @Length(1, TEXT_LIMITS.reason)
  note?: string;
}

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

  @ApiPropertyOptional({ type: [DocumentVerdictRequest], description: 'At verification: a verdict per file of the berkas' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(NUMBER_LIMITS.maxVerdicts)
  @ValidateNested({ each: true })
  @Type(() => DocumentVerdictRequest)
  documents?: DocumentVerdictRequest[];

  @ApiPropertyOptional({ example: 'AR-13.03/KP/2026/0142', description: "At bkn: BKN's technical approval (pertek) number" })
  @IsOptional()
  @IsString()
  @Length(1, TEXT_LIMITS.decreeNumber)
  pertekNumber?: string;

  @ApiPropertyOptional({ example: '2026-03-06' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'pertekDate must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('pertekDate')
  pertekDate?: string;

  @ApiPropertyOptional({ example: '823.3/114/BKPSDM/2026', description: 'At decree: the SK number (or the Keppres for IV/c and above)' })
  @IsOptional()
  @IsString()
  @Length(1, TEXT_LIMITS.decreeNumber)
  decreeNumber?: string;

  @ApiPropertyOptional({ example: '2026-03-09' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'decreeDate must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('decreeDate')
  decreeDate?: string;
}

export class ConflictOfInterestRequest {
  @ApiProperty({ example: 'The candidate is my sibling' })
  @IsString()
  @Length(1, TEXT_LIMITS.reason)
  reason: string;
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
