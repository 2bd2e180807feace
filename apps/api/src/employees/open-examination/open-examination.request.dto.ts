import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { TEXT_LIMITS } from '#domain';
import { IsCalendarDate } from '../../http/params.js';

export class OpenExaminationRequest {
  @ApiProperty({ example: '2026-02-10' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'openedOn must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('openedOn')
  openedOn: string;

  @ApiProperty({ example: 'Report of repeated absence' })
  @IsString()
  @Length(1, TEXT_LIMITS.reason)
  reason: string;
}
