import { ApiProperty } from '@nestjs/swagger';
import { PREDICATES, type Predicate } from '#domain';
import { CommandPosition } from '../../http/openapi.js';

export class SubmitAppraisalResponse extends CommandPosition {
  @ApiProperty({ format: 'uuid', example: '6c1d8f5e-2b7a-4a51-9a0e-0f1e2d3c4b5a' })
  appraisalId: string;

  @ApiProperty({ enum: PREDICATES, enumName: 'Predicate', example: 'BAIK', description: 'Derived from results and behaviour' })
  predicate: Predicate;
}
