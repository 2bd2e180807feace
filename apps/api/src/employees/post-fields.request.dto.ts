import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ESELONS, JENJANGS, POSITION_TYPES, TEXT_LIMITS, type Eselon, type Jenjang, type PositionType } from '#domain';
import { IsNip } from '../http/params.js';

/** A post as registration and a post change state it: title, type, its eselon or jenjang, the direct superior. */
export class PostFieldsRequest {
  @ApiProperty({ example: 'Analis Kepegawaian' })
  @IsString()
  @Length(1, TEXT_LIMITS.positionTitle)
  positionTitle: string;

  @ApiProperty({ example: 'FUNGSIONAL', enum: POSITION_TYPES })
  @IsIn(POSITION_TYPES as readonly string[])
  positionType: PositionType;

  @ApiPropertyOptional({ example: 'IV.a', enum: ESELONS, description: 'Required for JPT, ADMINISTRATOR and PENGAWAS; refused otherwise' })
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
}
