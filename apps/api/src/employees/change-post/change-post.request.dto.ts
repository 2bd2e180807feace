import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import {
  ESELONS,
  JENJANGS,
  POSITION_TYPES,
  POST_CHANGE_REASONS,
  TEXT_LIMITS,
  UNIT_ID_PATTERN,
  type Eselon,
  type Jenjang,
  type PositionType,
  type PostChangeReason,
} from '#domain';
import { IsCalendarDate, IsNip } from '../../http/params.js';

export class ChangePostRequest {
  @ApiProperty({ example: 'bappeda' })
  @Matches(UNIT_ID_PATTERN, { message: 'unitId must be lowercase letters, digits and dashes (at most 64)' })
  unitId: string;

  @ApiProperty({ example: 'Kepala Subbagian Perencanaan' })
  @IsString()
  @Length(1, TEXT_LIMITS.positionTitle)
  positionTitle: string;

  @ApiProperty({ example: 'PENGAWAS', enum: POSITION_TYPES })
  @IsIn(POSITION_TYPES as readonly string[])
  positionType: PositionType;

  @ApiPropertyOptional({ example: 'IV.a', enum: ESELONS, description: 'Required for JPT, ADMINISTRATOR and PENGAWAS; refused otherwise' })
  @IsOptional()
  @IsIn(ESELONS as readonly string[])
  eselon?: Eselon;

  @ApiPropertyOptional({ example: 'AHLI_MUDA', enum: JENJANGS, description: 'Required for FUNGSIONAL; refused otherwise' })
  @IsOptional()
  @IsIn(JENJANGS as readonly string[])
  jenjang?: Jenjang;

  @ApiPropertyOptional({ example: '197001012000031001', description: 'NIP of the direct superior (not the employee)' })
  @IsOptional()
  @IsNip('superiorNip')
  superiorNip?: string;

  @ApiProperty({ example: '2026-02-01', description: 'TMT of the new post' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'since must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('since')
  since: string;

  @ApiPropertyOptional({ enum: POST_CHANGE_REASONS, example: 'ROTATION', description: 'Default OTHER' })
  @IsOptional()
  @IsIn(POST_CHANGE_REASONS as readonly string[])
  reason?: PostChangeReason;
}
