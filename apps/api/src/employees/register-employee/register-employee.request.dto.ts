import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { EDUCATION_LEVELS, GRADES, TEXT_LIMITS, UNIT_ID_PATTERN, type EducationLevel, type Grade } from '#domain';
import { IsCalendarDate, IsNip } from '../../http/params.js';
import { PostFieldsRequest } from '../post-fields.request.dto.js';

export class RegisterEmployeeRequest extends PostFieldsRequest {
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

  @ApiPropertyOptional({ example: '2022-01-03', description: 'TMT of the post; defaults to gradeSince' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'positionSince must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('positionSince')
  positionSince?: string;
}
