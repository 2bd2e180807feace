import { ApiProperty } from '@nestjs/swagger';
import { PromotionCaseResponse } from '../../queries/queries.response.dto.js';

class AsOfResponse {
  @ApiProperty({ format: 'date-time', example: '2026-03-03T00:00:00.000Z', description: 'The instant the case is shown at' })
  at: string;

  @ApiProperty({ type: Number, example: 131, description: 'The last event included' })
  globalPosition: number;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T04:00:00.012Z' })
  recordedAt: string;
}

/** The case view as it stood at `at`, rebuilt from the events recorded up to then. */
export class CaseStateAsOfResponse extends PromotionCaseResponse {
  @ApiProperty({ type: AsOfResponse })
  asOf: AsOfResponse;
}
