import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMPETENCY_KINDS,
  GRADES,
  POSITION_TYPES,
  PREDICATES,
  PROMOTION_KINDS,
  RATINGS,
  ROLES,
  STAGE_DECISIONS,
  type CompetencyKind,
  type Grade,
  type PositionType,
  type Predicate,
  type PromotionKind,
  type PromotionStatus,
  type Rating,
  type Role,
  type SlaState,
} from '#domain';
import { PROMOTION_STATUSES } from '../promotions/decide-promotion/decide-promotion.response.dto.js';
import { RuleOutcomeResponse } from '../promotions/propose-promotion/propose-promotion.response.dto.js';

const SLA_STATES: readonly SlaState[] = ['ON_TRACK', 'AT_RISK', 'BREACHED'];
const slaState = (description?: string) =>
  ApiProperty({ enum: SLA_STATES, enumName: 'SlaState', nullable: true, example: 'ON_TRACK', ...(description ? { description } : {}) });
const instant = (example: string, nullable = false) =>
  ApiProperty({ type: String, format: 'date-time', example, ...(nullable ? { nullable: true } : {}) });
const grade = (example: Grade) => ApiProperty({ enum: GRADES, enumName: 'Grade', example });

/** Who the file waits on: the stage's role (and claimant), or the proposer when returned. */
class HeldByResponse {
  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'committee' })
  role: Role;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'NIP of the live claimant (the proposer when returned)' })
  claimedBy: string | null;
}

class StageVisitResponse {
  @ApiProperty({ example: 'verification' })
  stage: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', nullable: true, example: 'verifier' })
  role: Role | null;

  @ApiProperty({ type: Number, example: 1, description: 'The n-th visit of the case' })
  visit: number;

  @instant('2026-03-02T03:00:00.000Z')
  enteredAt: string;

  @instant('2026-03-04T03:00:00.000Z')
  dueAt: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2026-03-03T07:12:00.000Z' })
  leftAt?: string;

  @ApiPropertyOptional({ example: '198001012006011003' })
  decidedBy?: string;

  @ApiPropertyOptional({ enum: [...STAGE_DECISIONS, 'WITHDRAWN'], example: 'APPROVE' })
  decision?: string;

  @ApiPropertyOptional({ example: 'SKP 2024 is missing its signature page' })
  reason?: string;

  @ApiProperty({ example: false, description: 'Left (or still open) after its deadline' })
  breached: boolean;

  @slaState()
  slaState: SlaState;
}

/** GET /api/promotions/{caseId}: the case with every stage visit. */
export class PromotionCaseResponse {
  @ApiProperty({ format: 'uuid', example: '3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01' })
  caseId: string;

  @ApiProperty({ example: '198507122010011001' })
  nip: string;

  @ApiProperty({ example: 'Siti Rahmawati' })
  name: string;

  @ApiProperty({ example: 'dinas-kesehatan' })
  unitId: string;

  @ApiProperty({ enum: PROMOTION_KINDS, enumName: 'PromotionKind', example: 'REGULAR' })
  kind: PromotionKind;

  @grade('III/b')
  fromGrade: Grade;

  @grade('III/c')
  toGrade: Grade;

  @ApiProperty({ format: 'date', example: '2026-04-01' })
  effectiveDate: string;

  @ApiProperty({ enum: PROMOTION_STATUSES, enumName: 'PromotionStatus', example: 'IN_PROGRESS' })
  status: PromotionStatus;

  @ApiProperty({ type: String, nullable: true, example: 'committee', description: 'Null once closed' })
  stage: string | null;

  @ApiProperty({ type: Number, example: 2, description: 'The stream version: send it back as expectedVersion' })
  version: number;

  @ApiProperty({ example: true })
  eligible: boolean;

  @ApiProperty({ example: false })
  exception: boolean;

  @ApiProperty({ type: String, nullable: true, example: null })
  exceptionJustification: string | null;

  @ApiProperty({ example: 'Four years in III/b with BAIK appraisals; completed 40 JP of training' })
  justification: string;

  @ApiProperty({ type: [RuleOutcomeResponse] })
  rules: RuleOutcomeResponse[];

  @ApiProperty({ type: Number, example: 1 })
  policyVersion: number;

  @ApiProperty({ type: Number, example: 1, description: 'The agency configuration the case runs under' })
  configVersion: number;

  @ApiProperty({ example: '198001012006011001' })
  proposer: string;

  @instant('2026-03-02T03:00:00.000Z', true)
  proposedAt: string | null;

  @instant('2026-03-20T03:00:00.000Z', true)
  closedAt: string | null;

  @instant('2026-03-11T03:00:00.000Z', true)
  dueAt: string | null;

  @slaState('Of the current stage; null unless in progress')
  slaState: SlaState | null;

  @ApiProperty({ type: HeldByResponse, nullable: true })
  heldBy: HeldByResponse | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'NIP holding a live claim' })
  claimedBy: string | null;

  @ApiProperty({ type: [StageVisitResponse] })
  stages: StageVisitResponse[];
}

class PendingGradeResponse {
  @grade('III/d')
  grade: Grade;

  @ApiProperty({ format: 'date', example: '2030-04-01' })
  effectiveDate: string;
}

class CareerAppraisalResponse {
  @ApiProperty({ format: 'uuid', example: '6c1d8f5e-2b7a-4a51-9a0e-0f1e2d3c4b5a' })
  appraisalId: string;

  @ApiProperty({ type: Number, example: 2025 })
  period: number;

  @ApiProperty({ enum: PREDICATES, enumName: 'Predicate', example: 'BAIK' })
  predicate: Predicate;

  @ApiProperty({ enum: RATINGS, enumName: 'Rating', example: 'AS_EXPECTED' })
  results: Rating;

  @ApiProperty({ enum: RATINGS, enumName: 'Rating', example: 'AS_EXPECTED' })
  behaviour: Rating;
}

class CareerTrainingResponse {
  @ApiProperty({ format: 'uuid', example: '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d' })
  trainingId: string;

  @ApiProperty({ example: 'Pelatihan Manajemen ASN' })
  title: string;

  @ApiProperty({ type: Number, example: 24, description: 'JP (lesson hours)' })
  hours: number;

  @ApiProperty({ enum: COMPETENCY_KINDS, enumName: 'CompetencyKind', example: 'MANAGERIAL' })
  kind: CompetencyKind;

  @ApiProperty({ format: 'date', example: '2026-02-20' })
  completedOn: string;

  @ApiProperty({ example: 'BPSDM Provinsi Aceh' })
  provider: string;

  @ApiProperty({ example: 'BPSDM-2026-0042' })
  certificateNo: string;
}

class CareerPromotionResponse {
  @ApiProperty({ format: 'uuid', example: '3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01' })
  caseId: string;

  @ApiProperty({ enum: PROMOTION_KINDS, enumName: 'PromotionKind', example: 'REGULAR' })
  kind: PromotionKind;

  @grade('III/b')
  fromGrade: Grade;

  @grade('III/c')
  toGrade: Grade;

  @ApiProperty({ format: 'date', example: '2026-04-01' })
  effectiveDate: string;

  @ApiProperty({ enum: PROMOTION_STATUSES, enumName: 'PromotionStatus', example: 'IN_PROGRESS' })
  status: PromotionStatus;

  @ApiProperty({ type: String, nullable: true, example: 'committee' })
  stage: string | null;

  @instant('2026-03-11T03:00:00.000Z', true)
  dueAt: string | null;

  @slaState()
  slaState: SlaState | null;

  @ApiProperty({ type: HeldByResponse, nullable: true })
  heldBy: HeldByResponse | null;

  @ApiProperty({ example: false })
  exception: boolean;
}

/** GET /api/employees/{nip}/career. */
export class CareerResponse {
  @ApiProperty({ example: '198507122010011001' })
  nip: string;

  @ApiProperty({ example: 'Siti Rahmawati' })
  name: string;

  @ApiProperty({ example: 'dinas-kesehatan' })
  unitId: string;

  @grade('III/c')
  grade: Grade;

  @ApiProperty({ format: 'date', example: '2026-04-01' })
  gradeSince: string;

  @ApiPropertyOptional({ type: PendingGradeResponse, description: 'An approved promotion whose TMT is still ahead' })
  pendingGrade?: PendingGradeResponse;

  @ApiProperty({ example: 'Analis Kebijakan' })
  positionTitle: string;

  @ApiProperty({ enum: POSITION_TYPES, enumName: 'PositionType', example: 'FUNGSIONAL' })
  positionType: PositionType;

  @ApiProperty({ type: [CareerAppraisalResponse] })
  appraisals: CareerAppraisalResponse[];

  @ApiProperty({ type: [CareerTrainingResponse] })
  trainings: CareerTrainingResponse[];

  @ApiProperty({ type: [CareerPromotionResponse] })
  promotions: CareerPromotionResponse[];
}

class QueueItemResponse {
  @ApiProperty({ format: 'uuid', example: '3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01' })
  caseId: string;

  @ApiProperty({ example: '198507122010011001' })
  nip: string;

  @ApiProperty({ example: 'Siti Rahmawati' })
  name: string;

  @ApiProperty({ enum: PROMOTION_KINDS, enumName: 'PromotionKind', example: 'REGULAR' })
  kind: PromotionKind;

  @grade('III/b')
  fromGrade: Grade;

  @grade('III/c')
  toGrade: Grade;

  @ApiProperty({ example: 'verification' })
  stage: string;

  @instant('2026-03-02T03:00:00.000Z', true)
  enteredStageAt: string | null;

  @instant('2026-03-04T03:00:00.000Z', true)
  dueAt: string | null;

  @slaState()
  slaState: SlaState | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'NIP holding a live claim' })
  claimedBy: string | null;

  @ApiProperty({ example: false })
  exception: boolean;
}

/** GET /api/queues/mine: open cases the actor may decide, earliest deadline first. */
export class QueueResponse {
  @ApiProperty({ type: [QueueItemResponse] })
  items: QueueItemResponse[];
}
