import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { TEXT_LIMITS } from '#domain';
import { IsCalendarDate } from '../../http/params.js';

export class AnnulSanctionRequest {
  @ApiProperty({ example: '800/30/BKPSDM/2026', description: 'The annulling decree' })
  @IsString()
  @Length(1, TEXT_LIMITS.decreeNumber)
  decreeNumber: string;

  @ApiProperty({ example: '2026-03-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'decreeDate must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('decreeDate')
  decreeDate: string;

  @ApiProperty({ example: 'Overturned on administrative appeal' })
  @IsString()
  @Length(1, TEXT_LIMITS.reason)
  reason: string;
}
