import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { EDUCATION_LEVELS, TEXT_LIMITS, type EducationLevel } from '#domain';
import { IsCalendarDate } from '../../http/params.js';

export class RecordEducationRequest {
  @ApiProperty({ example: 'S2', enum: EDUCATION_LEVELS })
  @IsIn(EDUCATION_LEVELS as readonly string[])
  level: EducationLevel;

  @ApiProperty({ example: 'Universitas Syiah Kuala' })
  @IsString()
  @Length(1, TEXT_LIMITS.institution)
  institution: string;

  @ApiProperty({ example: '2025-08-30' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'graduatedOn must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('graduatedOn')
  graduatedOn: string;

  @ApiPropertyOptional({
    example: '800/IB/2023/17',
    description: 'Study permit (izin belajar) the diploma was earned under; with studyPermitDate',
  })
  @IsOptional()
  @IsString()
  @Length(1, TEXT_LIMITS.decreeNumber)
  studyPermitNumber?: string;

  @ApiPropertyOptional({ example: '2023-07-01', description: 'Date of the study permit; with studyPermitNumber' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'studyPermitDate must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('studyPermitDate')
  studyPermitDate?: string;
}
