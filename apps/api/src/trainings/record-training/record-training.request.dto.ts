import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { COMPETENCY_KINDS, DELIVERY_MODES, NUMBER_LIMITS, TEXT_LIMITS, type CompetencyKind, type DeliveryMode } from '#domain';
import { IsCalendarDate, IsNip } from '../../http/params.js';

export class RecordTrainingRequest {
  @ApiProperty({ example: '198507122010011001' })
  @IsNip()
  nip: string;

  @ApiProperty({ example: 'Pelatihan Manajemen ASN' })
  @IsString()
  @Length(1, TEXT_LIMITS.trainingTitle)
  title: string;

  @ApiProperty({ example: 24, description: 'JP (jam pelajaran), 1-200' })
  @IsInt()
  @Min(NUMBER_LIMITS.minTrainingHours)
  @Max(NUMBER_LIMITS.maxTrainingHours)
  hours: number;

  @ApiProperty({ enum: COMPETENCY_KINDS, example: 'MANAGERIAL' })
  @IsIn(COMPETENCY_KINDS as readonly string[])
  kind: CompetencyKind;

  @ApiProperty({ example: 'BPSDM Provinsi Sumatera Utara' })
  @IsString()
  @Length(1, TEXT_LIMITS.trainingProvider)
  provider: string;

  @ApiProperty({ example: '2026-02-20' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'completedOn must be a date (YYYY-MM-DD)' })
  @IsCalendarDate('completedOn')
  completedOn: string;

  @ApiProperty({ example: 'BPSDM-2026-000123' })
  @IsString()
  @Length(1, TEXT_LIMITS.certificateNo)
  certificateNo: string;

  @ApiPropertyOptional({ enum: DELIVERY_MODES, example: 'CLASSROOM', description: 'Since schema v2; recorded as UNKNOWN when omitted' })
  @IsOptional()
  @IsIn(DELIVERY_MODES as readonly string[])
  deliveryMode?: DeliveryMode;
}
