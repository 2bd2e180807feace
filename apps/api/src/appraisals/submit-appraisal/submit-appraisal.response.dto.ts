import { ApiProperty } from '@nestjs/swagger';
import { PREDICATES, type Predicate } from '#domain';
import { CommandPosition } from '../../http/openapi.js';
import { CurveBoundResponse } from '../../dashboards/dashboards.response.dto.js';

export class SubmitAppraisalResponse extends CommandPosition {
  @ApiProperty({ format: 'uuid', example: '6c1d8f5e-2b7a-4a51-9a0e-0f1e2d3c4b5a' })
  appraisalId: string;

  @ApiProperty({ enum: PREDICATES, enumName: 'Predicate', example: 'BAIK', description: 'Derived from results and behaviour' })
  predicate: Predicate;

  @ApiProperty({ example: 'dinas-kesehatan', description: "The employee's unit the appraisal counts in" })
  unitId: string;

  @ApiProperty({ type: Number, example: 2025 })
  period: number;

  @ApiProperty({
    type: [CurveBoundResponse],
    description:
      "The bounds of the unit's organisation rating that its distribution breaks once this appraisal is counted: advisory, never a refusal; read from the projections, so it may lag other appraisals just recorded",
  })
  curveWarnings: CurveBoundResponse[];
}
