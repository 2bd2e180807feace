import { ApiProperty } from '@nestjs/swagger';
import type { PromotionStatus } from '#domain';
import { CommandPosition } from '../../http/openapi.js';

export const PROMOTION_STATUSES: readonly PromotionStatus[] = ['IN_PROGRESS', 'RETURNED', 'APPROVED', 'REJECTED', 'WITHDRAWN'];

/** What every command on an existing case answers: decisions, claims, resubmission, withdrawal. */
export class CaseActionResponse extends CommandPosition {
  @ApiProperty({ format: 'uuid', example: '3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01' })
  caseId: string;

  @ApiProperty({ enum: PROMOTION_STATUSES, enumName: 'PromotionStatus', example: 'IN_PROGRESS' })
  status: PromotionStatus;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'committee',
    description: 'The case’s stage after the command (the next one after an approval); null once the case is closed',
  })
  stage: string | null;
}
