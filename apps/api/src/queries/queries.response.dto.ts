import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DOCUMENT_TYPES,
  type DecreeAuthority,
  type DocumentType,
  COMPETENCY_KINDS,
  EDUCATION_LEVELS,
  ESELONS,
  GRADES,
  JENJANGS,
  POSITION_TYPES,
  PREDICATES,
  PROMOTION_KINDS,
  RATINGS,
  ROLES,
  SANCTION_LEVELS,
  SANCTION_TYPES,
  STAGE_DECISIONS,
  type CompetencyKind,
  type EducationLevel,
  type Eselon,
  type Jenjang,
  type SanctionLevel,
  type SanctionType,
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
import {
  BerkasDocumentResponse,
  ProposalRouteStageResponse,
  RuleOutcomeResponse,
} from '../promotions/propose-promotion/propose-promotion.response.dto.js';

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

  @ApiPropertyOptional({ example: '196512311990031004', description: 'The delegator, when an acting official (Plt/Plh) decided' })
  onBehalfOf?: string;

  @ApiPropertyOptional({ example: 'SKP 2024 is missing its signature page' })
  reason?: string;

  @ApiProperty({ example: false, description: 'Left (or still open) after its deadline' })
  breached: boolean;

  @slaState()
  slaState: SlaState;
}

class PertekResponse {
  @ApiProperty({ example: 'AR-13.03/KP/2026/0142' }) number: string;
  @ApiProperty({ format: 'date', example: '2026-03-06' }) date: string;
}

class SignatoryResponse {
  @ApiProperty({ example: 'Dr. H. Said Mulyadi, S.E., M.Si.' }) name: string;
  @ApiProperty({ example: 'Wali Kota Langsa' }) title: string;
}

class DecreeResponse {
  @ApiProperty({ example: '823.3/114/BKPSDM/2026' }) number: string;
  @ApiProperty({ format: 'date', example: '2026-03-09' }) date: string;
  @ApiProperty({ enum: ['PPK', 'PRESIDENT'] }) authority: DecreeAuthority;
  @ApiProperty({ type: SignatoryResponse }) signatory: SignatoryResponse;
}

class ReturnedResponse {
  @ApiProperty({ example: 'verification' }) stage: string;
  @ApiProperty({ example: 'The SK of the last grade is illegible' }) reason: string;
  @ApiProperty({ enum: DOCUMENT_TYPES, isArray: true, example: ['LAST_GRADE_DECREE'] }) deficientDocuments: DocumentType[];
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

  @ApiProperty({ example: 'Four years in III/b with BAIK appraisals; completed 40 JP of training' })
  justification: string;

  @ApiProperty({ type: [RuleOutcomeResponse] })
  rules: RuleOutcomeResponse[];

  @ApiProperty({ example: '2026.1', description: 'The national reference data version the rules were judged under' })
  referenceVersion: string;

  @ApiProperty({ type: Number, example: 1, description: 'The agency configuration the case runs under' })
  configVersion: number;

  @ApiProperty({ example: 'Asia/Jakarta', description: 'The agency zone its deadlines are counted in' })
  timeZone: string;

  @ApiProperty({ type: [BerkasDocumentResponse], description: 'The berkas: one entry per document type' })
  documents: BerkasDocumentResponse[];

  @ApiPropertyOptional({ type: PertekResponse, description: "BKN's technical approval, once given" })
  pertek?: PertekResponse;

  @ApiPropertyOptional({ type: DecreeResponse, description: 'The decree (SK or Keppres), once issued' })
  decree?: DecreeResponse;

  @ApiProperty({ enum: ['PPK', 'PRESIDENT'], description: 'Who decrees the target grade: PPK up to IV/b, the President from IV/c' })
  authority: DecreeAuthority;

  @ApiPropertyOptional({ type: ReturnedResponse, description: 'While RETURNED: why, by which stage, what is wanting' })
  returned?: ReturnedResponse;

  @ApiProperty({ type: [ProposalRouteStageResponse], description: 'The stages this case runs through, in order' })
  pipeline: ProposalRouteStageResponse[];

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

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { '198507122010011001': 'Cut Nyak Meutia' },
    description: 'Names of the registered employees the case names (candidate, proposer, deciders, claimant), by NIP',
  })
  names: Record<string, string>;
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
}

class CareerPositionResponse {
  @ApiProperty({ example: 'Analis Kebijakan' })
  title: string;

  @ApiProperty({ enum: POSITION_TYPES, enumName: 'PositionType', example: 'FUNGSIONAL' })
  type: PositionType;

  @ApiPropertyOptional({ enum: ESELONS, example: 'IV.a', description: 'JPT, ADMINISTRATOR and PENGAWAS posts' })
  eselon?: Eselon;

  @ApiPropertyOptional({ enum: JENJANGS, example: 'AHLI_MUDA', description: 'FUNGSIONAL posts' })
  jenjang?: Jenjang;

  @ApiProperty({ format: 'date', example: '2022-01-03', description: 'TMT of the post' })
  since: string;
}

class CareerDecreeResponse {
  @ApiProperty({ example: '800/12/BKPSDM/2026' })
  number: string;

  @ApiProperty({ format: 'date', example: '2026-01-20' })
  date: string;
}

class CareerAnnulmentResponse {
  @ApiProperty({ example: '800/30/BKPSDM/2026' })
  decreeNumber: string;

  @ApiProperty({ format: 'date', example: '2026-03-01' })
  decreeDate: string;

  @ApiProperty({ example: 'Overturned on administrative appeal' })
  reason: string;
}

class CareerSanctionResponse {
  @ApiProperty({ example: '0b9e6a9e-4c1f-4f43-9d43-3b0c9b1f2f10' })
  sanctionId: string;

  @ApiProperty({ enum: SANCTION_LEVELS, example: 'MODERATE' })
  level: SanctionLevel;

  @ApiProperty({
    enum: [...SANCTION_TYPES, 'UNSPECIFIED'],
    example: 'ALLOWANCE_CUT_6M',
    description: 'UNSPECIFIED for records from before types',
  })
  type: SanctionType;

  @ApiProperty({ example: 'Absent without leave' })
  reason: string;

  @ApiProperty({ type: CareerDecreeResponse, nullable: true })
  decree: CareerDecreeResponse | null;

  @ApiProperty({ format: 'date', example: '2026-02-01' })
  from: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-07-31', description: 'Last day served; null without a term' })
  until: string | null;

  @ApiProperty({ example: false })
  annulled: boolean;

  @ApiPropertyOptional({ type: CareerAnnulmentResponse })
  annulment?: CareerAnnulmentResponse;
}

class CareerHistoryResponse {
  @ApiProperty({ format: 'date', example: '2026-02-01', description: 'Date of the fact (TMT, graduation, PAK, exam, sanction start)' })
  at: string;

  @ApiProperty({ example: 'Post (ROTATION): Kepala Subbagian Perencanaan (PENGAWAS IV.a) in bappeda' })
  what: string;
}

class CareerCreditPointsResponse {
  @ApiProperty({ example: 52.125 })
  sinceLastPromotion: number;

  @ApiProperty({ example: 100 })
  target: number;

  @ApiProperty({ example: false, description: 'The target of the jenjang is reached' })
  reached: boolean;
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

  @ApiProperty({ type: String, nullable: true, example: 'Penata', description: 'Rank (pangkat) of the grade in force' })
  rankName: string | null;

  @ApiProperty({
    enum: EDUCATION_LEVELS,
    nullable: true,
    example: 'S1',
    description: 'Highest level; null for records from before it was asked',
  })
  education: EducationLevel | null;

  @ApiProperty({ type: CareerPositionResponse })
  position: CareerPositionResponse;

  @ApiProperty({ type: String, nullable: true, example: '197001012000031001' })
  superiorNip: string | null;

  @ApiPropertyOptional({ example: 'Teuku Umar', description: 'When the superior is registered in the same agency' })
  superiorName?: string;

  @ApiPropertyOptional({
    type: CareerCreditPointsResponse,
    description: 'FUNGSIONAL posts: credit points since the last KP (PAK plus accrual)',
  })
  creditPoints?: CareerCreditPointsResponse;

  @ApiProperty({ example: 24, description: 'JP of training completed this calendar year (the right is 20 a year)' })
  jpThisYear: number;

  @ApiProperty({ example: 'Asia/Jakarta', description: 'The agency zone dates are counted in' })
  timeZone: string;

  @ApiProperty({ example: 'Analis Kebijakan', description: 'Same as position.title (kept for older clients)' })
  positionTitle: string;

  @ApiProperty({ enum: POSITION_TYPES, enumName: 'PositionType', example: 'FUNGSIONAL', description: 'Same as position.type' })
  positionType: PositionType;

  @ApiProperty({ type: [CareerSanctionResponse] })
  sanctions: CareerSanctionResponse[];

  @ApiProperty({ type: [CareerHistoryResponse], description: 'Posts, education, transfers, PAKs, service exams, sanctions, in date order' })
  history: CareerHistoryResponse[];

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

  @ApiProperty({ enum: PROMOTION_STATUSES, enumName: 'PromotionStatus', example: 'IN_PROGRESS' })
  status: PromotionStatus;

  @ApiPropertyOptional({ example: 'The SK of the last grade is illegible', description: 'A file returned to you: why' })
  reason?: string;

  @ApiPropertyOptional({ enum: DOCUMENT_TYPES, isArray: true, description: 'A file returned to you: the documents wanting' })
  deficientDocuments?: DocumentType[];
}

/** GET /api/queues/mine: open cases the actor may decide, earliest deadline first, then files returned to the actor. */
export class QueueResponse {
  @ApiProperty({ type: [QueueItemResponse] })
  items: QueueItemResponse[];

  @ApiProperty({ example: 'Asia/Jakarta', description: 'The agency zone deadlines are counted in' })
  timeZone: string;
}
