import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { AGENCY_ID_PATTERN } from '#domain';
import { IsCalendarDate } from '../../http/params.js';

export class TransferEmployeeRequest {
  @ApiProperty({ example: 'pemkot-medan', description: 'The agency the employee moves to' })
  @IsString()
  @Matches(AGENCY_ID_PATTERN, { message: 'toAgency must be an agency id (lowercase letters, digits and dashes)' })
  toAgency: string;

  @ApiProperty({ example: '2026-03-01', description: 'TMT of the transfer' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'since must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('since')
  since: string;
}
