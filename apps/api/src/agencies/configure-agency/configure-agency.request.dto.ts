import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import {
  AGENCY_TIME_ZONES,
  NATIONAL_STAGE_IDS,
  NUMBER_LIMITS,
  PROMOTION_KINDS,
  TEXT_LIMITS,
  UNIT_ID_PATTERN,
  type PromotionKind,
  type StageId,
} from '#domain';
import { IsCalendarDate } from '../../http/params.js';

export class StageRequest {
  @ApiProperty({ enum: NATIONAL_STAGE_IDS, example: 'verification', description: 'A stage of the national pipeline' })
  @IsIn(NATIONAL_STAGE_IDS as readonly string[])
  id: StageId;

  @ApiProperty({ example: 'P2D', description: 'ISO 8601 duration: days are working days, PT parts are elapsed time' })
  @IsString()
  @Length(2, 40)
  sla: string;

  @ApiPropertyOptional({
    enum: PROMOTION_KINDS,
    isArray: true,
    example: ['STRUCTURAL'],
    description: 'Only for `committee`: the KP kinds it runs for; [] turns it off',
  })
  @IsOptional()
  @IsArray()
  @IsIn(PROMOTION_KINDS as readonly string[], { each: true })
  requiredFor?: PromotionKind[];
}

export class UnitRequest {
  @ApiProperty({ example: 'dinas-kesehatan' })
  @Matches(UNIT_ID_PATTERN, { message: 'unit id must be lowercase letters, digits and dashes (at most 64)' })
  id: string;

  @ApiProperty({ example: 'Dinas Kesehatan' })
  @IsString()
  @Length(1, TEXT_LIMITS.name)
  name: string;

  @ApiPropertyOptional({ example: 'setda', nullable: true })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { message: 'parentId must be a unit id' })
  parentId?: string;
}

export class SignatoryRequest {
  @ApiProperty({ example: 'Dr. H. Said Mulyadi, S.E., M.Si.' })
  @IsString()
  @Length(1, TEXT_LIMITS.name)
  name: string;

  @ApiProperty({ example: 'Wali Kota Langsa' })
  @IsString()
  @Length(1, TEXT_LIMITS.positionTitle)
  title: string;
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
    description:
      'A patch over the national pipeline: a listed stage takes its SLA (the committee also its kinds); unlisted stages keep the defaults of verification P2D, committee P5D (STRUCTURAL), approval P3D, bkn P2D, decree P5D',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(NUMBER_LIMITS.maxStages)
  @ValidateNested({ each: true })
  @Type(() => StageRequest)
  stages?: StageRequest[];

  @ApiPropertyOptional({ type: [UnitRequest], description: 'The agency’s units (OPD), with their parent unit' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(NUMBER_LIMITS.maxUnits)
  @ValidateNested({ each: true })
  @Type(() => UnitRequest)
  units?: UnitRequest[];

  @ApiPropertyOptional({ type: SignatoryRequest, description: 'The PPK named on decrees (default: Kepala Daerah)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SignatoryRequest)
  signatory?: SignatoryRequest;

  @ApiPropertyOptional({ example: 'PT336H', description: 'The keberatan decision SLA (default PT336H, 14 × 24 h elapsed)' })
  @IsOptional()
  @IsString()
  @Length(2, 40)
  objectionSla?: string;
}
