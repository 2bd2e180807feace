import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CASE_ID_PATTERN } from '#domain';
import { NipParam } from '../http/params.js';

export class SanctionParams extends NipParam {
  @ApiProperty({ example: '0b9e6a9e-4c1f-4f43-9d43-3b0c9b1f2f10' })
  @Matches(CASE_ID_PATTERN, { message: 'sanctionId is malformed' })
  sanctionId: string;
}

export class ExaminationParams extends NipParam {
  @ApiProperty({ example: '6d1f0c2a-3b4e-4f5a-8b6c-7d8e9f0a1b2c' })
  @Matches(CASE_ID_PATTERN, { message: 'id is malformed' })
  id: string;
}
