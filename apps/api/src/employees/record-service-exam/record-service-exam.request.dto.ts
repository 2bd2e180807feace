import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { TEXT_LIMITS } from '#domain';
import { IsCalendarDate } from '../../http/params.js';

export class RecordServiceExamRequest {
  @ApiProperty({ enum: [1, 2], example: 1, description: 'Ujian dinas level' })
  @IsIn([1, 2], { message: 'level must be 1 or 2' })
  level: 1 | 2;

  @ApiProperty({ example: '2025-11-10' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'passedOn must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('passedOn')
  passedOn: string;

  @ApiProperty({ example: 'UD-2025-0042' })
  @IsString()
  @Length(1, TEXT_LIMITS.certificateNo)
  certificateNo: string;
}
