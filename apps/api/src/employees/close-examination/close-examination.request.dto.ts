import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { TEXT_LIMITS } from '#domain';
import { IsCalendarDate } from '../../http/params.js';

export class CloseExaminationRequest {
  @ApiProperty({ example: '2026-02-28' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'closedOn must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('closedOn')
  closedOn: string;

  @ApiProperty({ example: 'Violation proven; sanction to follow' })
  @IsString()
  @Length(1, TEXT_LIMITS.reason)
  outcome: string;
}
