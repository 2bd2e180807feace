import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { STAGE_ID_PATTERN, TEXT_LIMITS, NUMBER_LIMITS, AGENCY_TIME_ZONES, type Predicate, type Role } from '#domain';
import { IsCalendarDate } from '../../http/params.js';

const PREDICATES = ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'] as const;
const STAGE_ROLES = ['verifier', 'committee', 'ppk', 'hr', 'admin'] as const;

export class StageRequest {
  @ApiProperty({ example: 'verification' })
  @Matches(STAGE_ID_PATTERN, { message: 'stage id must be lowercase letters, digits, _ or - (at most 40)' })
  id: string;

  @ApiProperty({ enum: STAGE_ROLES, example: 'verifier' })
  @IsIn(STAGE_ROLES)
  role: Role;

  @ApiProperty({ example: 'P2D', description: 'ISO 8601 duration: days are working days, PT parts are elapsed time' })
  @IsString()
  @Length(2, 40)
  sla: string;
}

export class MeritPolicyRequest {
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) version: number;
  @ApiProperty({ example: 4 }) @IsInt() @Min(0) @Max(40) regularYearsInGrade: number;
  @ApiProperty({ example: 1 }) @IsInt() @Min(0) @Max(40) selectionYearsInGrade: number;
  @ApiProperty({ example: ['BAIK', 'SANGAT_BAIK'], enum: PREDICATES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(PREDICATES, { each: true })
  minimumPredicates: Predicate[];
  @ApiProperty({ example: 2 }) @IsInt() @Min(0) @Max(10) appraisalYears: number;
  @ApiProperty({ example: 20 }) @IsInt() @Min(0) @Max(1000) trainingHours: number;
  @ApiProperty({ example: 12 }) @IsInt() @Min(1) @Max(60) trainingWindowMonths: number;
}

export class ConfigureAgencyRequest {
  @ApiProperty({ example: 'Pemerintah Kota Langsa' })
  @IsString()
  @Length(1, TEXT_LIMITS.name)
  name: string;

  @ApiProperty({ enum: AGENCY_TIME_ZONES, example: 'Asia/Jakarta' })
  @IsIn(AGENCY_TIME_ZONES as readonly string[], { message: `timeZone must be one of ${AGENCY_TIME_ZONES.join(', ')}` })
  timeZone: string;

  @ApiPropertyOptional({ example: ['2026-03-20', '2026-03-21'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(NUMBER_LIMITS.maxHolidays)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'each holiday must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('each holiday', { each: true })
  holidays?: string[];

  @ApiPropertyOptional({
    type: [StageRequest],
    description: 'Omitted: verification (verifier, P2D), committee (committee, P5D), approval (ppk, P3D)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(NUMBER_LIMITS.maxStages)
  @ValidateNested({ each: true })
  @Type(() => StageRequest)
  stages?: StageRequest[];

  @ApiPropertyOptional({ type: MeritPolicyRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => MeritPolicyRequest)
  meritPolicy?: MeritPolicyRequest;
}
