import { ApiProperty } from '@nestjs/swagger';
import { MERIT_RULES, type MeritRuleId } from '#domain';
import { CommandPosition } from '../../http/openapi.js';

/** One merit rule's outcome, recorded with the policy version it was judged under. */
export class RuleOutcomeResponse {
  @ApiProperty({ enum: MERIT_RULES, enumName: 'MeritRule', example: 'GRADE_STEP' })
  rule: MeritRuleId;

  @ApiProperty({ example: true })
  passed: boolean;

  @ApiProperty({ example: 'III/b to III/c is one step' })
  detail: string;
}

export class ProposePromotionResponse extends CommandPosition {
  @ApiProperty({ format: 'uuid', example: '3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01' })
  caseId: string;

  @ApiProperty({ example: true, description: 'Every merit rule passed' })
  eligible: boolean;

  @ApiProperty({ example: false, description: 'Proposed although a rule failed, with an exception justification' })
  exception: boolean;

  @ApiProperty({ type: [RuleOutcomeResponse] })
  rules: RuleOutcomeResponse[];

  @ApiProperty({ type: Number, example: 1, description: 'The merit policy version the rules were judged under' })
  policyVersion: number;

  @ApiProperty({ enum: ['IN_PROGRESS'], example: 'IN_PROGRESS' })
  status: 'IN_PROGRESS';

  @ApiProperty({ type: String, nullable: true, example: 'verification', description: 'The first stage of the agency’s pipeline' })
  stage: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-04T03:00:00.000Z' })
  dueAt: string | null;
}
