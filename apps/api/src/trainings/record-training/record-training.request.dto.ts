import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { COMPETENCY_KINDS, type CompetencyKind } from '#domain';

export class RecordTrainingRequest {
  @ApiProperty({ example: '198507122010011001' })
  @Matches(/^[0-9]{18}$/, { message: 'nip must be 18 digits' })
  nip: string;

  @ApiProperty({ example: 'Pelatihan Manajemen ASN' })
  @IsString() @Length(1, 300)
  title: string;

  @ApiProperty({ example: 24, description: 'JP (jam pelajaran), 1-200' })
  @IsInt() @Min(1) @Max(200)
  hours: number;

  @ApiProperty({ enum: COMPETENCY_KINDS, example: 'MANAGERIAL' })
  @IsIn(COMPETENCY_KINDS as readonly string[])
  kind: CompetencyKind;

  @ApiProperty({ example: 'BPSDM Provinsi Sumatera Utara' })
  @IsString() @Length(1, 300)
  provider: string;

  @ApiProperty({ example: '2026-02-20' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'completedOn must be a date (YYYY-MM-DD)' })
  completedOn: string;

  @ApiProperty({ example: 'BPSDM-2026-000123' })
  @IsString() @Length(1, 100)
  certificateNo: string;
}
