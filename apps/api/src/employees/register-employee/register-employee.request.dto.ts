import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import {
  EDUCATION_LEVELS,
  ESELONS,
  GRADES,
  JENJANGS,
  POSITION_TYPES,
  TEXT_LIMITS,
  UNIT_ID_PATTERN,
  type EducationLevel,
  type Eselon,
  type Grade,
  type Jenjang,
  type PositionType,
} from '#domain';
import { IsCalendarDate, IsNip } from '../../http/params.js';

export class RegisterEmployeeRequest {
  @ApiProperty({ example: '198507122010011001', description: '18-digit NIP' })
  @IsNip()
  nip: string;

  @ApiProperty({ example: 'Siti Rahmawati' })
  @IsString()
  @Length(1, TEXT_LIMITS.name)
  name: string;

  @ApiProperty({ example: 'dinas-kesehatan' })
  @Matches(UNIT_ID_PATTERN, { message: 'unitId must be lowercase letters, digits and dashes (at most 64)' })
  unitId: string;

  @ApiProperty({ example: 'III/b', enum: GRADES })
  @IsIn(GRADES as readonly string[], { message: `grade must be one of ${GRADES.join(', ')}` })
  grade: Grade;

  @ApiProperty({ example: '2020-04-01', description: 'TMT of the current grade' })
  @IsISO8601({ strict: true }, { message: 'gradeSince must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'gradeSince must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('gradeSince')
  gradeSince: string;

  @ApiProperty({ example: 'S1', enum: EDUCATION_LEVELS, description: 'Highest education level' })
  @IsIn(EDUCATION_LEVELS as readonly string[], { message: `education must be one of ${EDUCATION_LEVELS.join(', ')}` })
  education: EducationLevel;

  @ApiProperty({ example: 'Analis Kepegawaian' })
  @IsString()
  @Length(1, TEXT_LIMITS.positionTitle)
  positionTitle: string;

  @ApiProperty({ example: 'FUNGSIONAL', enum: POSITION_TYPES })
  @IsIn(POSITION_TYPES as readonly string[])
  positionType: PositionType;

  @ApiPropertyOptional({
    example: 'II.b',
    enum: ESELONS,
    description: 'Required for JPT, ADMINISTRATOR and PENGAWAS; refused otherwise',
  })
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

  @ApiPropertyOptional({ example: '2022-01-03', description: 'TMT of the post; defaults to gradeSince' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'positionSince must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('positionSince')
  positionSince?: string;
}
