import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DOCUMENT_TYPES,
  PROMOTION_KINDS,
  type BerkasDocumentStatus,
  type DecreeAuthority,
  type DocumentType,
  type MeritRuleId,
  type PromotionKind,
} from '#domain';
import { CommandPosition } from '../../http/openapi.js';

const MERIT_RULE_IDS: readonly MeritRuleId[] = [
  'GRADE_STEP',
  'POST_TYPE',
  'GRADE_CEILING',
  'POST_RANGE',
  'TIME_IN_GRADE',
  'TIME_IN_POST',
  'APPRAISALS',
  'SERVICE_EXAM',
  'CREDIT_POINTS',
  'EDUCATION',
  'NO_ACTIVE_SANCTION',
  'TRAINING_HOURS',
];
const DOCUMENT_STATUSES: readonly BerkasDocumentStatus[] = ['MISSING', 'UPLOADED', 'OK', 'DEFICIENT', 'DERIVED'];

/** One KP rule's outcome, recorded with the reference data version it was judged under. */
export class RuleOutcomeResponse {
  @ApiProperty({ enum: MERIT_RULE_IDS, enumName: 'MeritRule', example: 'GRADE_STEP' })
  rule: MeritRuleId;

  @ApiProperty({ example: true })
  passed: boolean;

  @ApiProperty({ example: true, description: 'False for advisory rules (TRAINING_HOURS): recorded, never refusing' })
  blocking: boolean;

  @ApiProperty({ example: 'III/c is one step above III/b', description: 'English, for logs; the console words `code` and `params`' })
  detail: string;

  @ApiPropertyOptional({ example: 'GRADE_STEP.MET', description: 'Stable outcome code' })
  code?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { from: 'III/b', to: 'III/c' } })
  params?: Record<string, unknown>;
}

/** One document type of the berkas and where it stands. */
export class BerkasDocumentResponse {
  @ApiProperty({ enum: DOCUMENT_TYPES, enumName: 'DocumentType', example: 'LAST_GRADE_DECREE' })
  type: DocumentType;

  @ApiProperty({ enum: [true] })
  required: true;

  @ApiProperty({ enum: DOCUMENT_STATUSES, enumName: 'DocumentStatus', example: 'MISSING' })
  status: BerkasDocumentStatus;

  @ApiPropertyOptional({ example: '5b0f7f1e-2d1a-4f4b-9a34-6b1d2a9d2a11' }) documentId?: string;
  @ApiPropertyOptional({ example: 'SK III-b.pdf' }) name?: string;
  @ApiPropertyOptional({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }) sha256?: string;
  @ApiPropertyOptional({ example: 48213 }) size?: number;
  @ApiPropertyOptional({ example: 'application/pdf' }) mediaType?: string;
  @ApiPropertyOptional({ example: 'Page 2 is missing the signature' }) note?: string;
}

export class ProposalRouteStageResponse {
  @ApiProperty({ example: 'verification' }) stage: string;
  @ApiProperty({ example: 'verifier' }) role: string;
  @ApiProperty({ example: 'P2D' }) sla: string;
}

/** What a proposal would record, judged now: nothing is written. */
export class PromotionPreviewResponse {
  @ApiProperty({ enum: PROMOTION_KINDS, enumName: 'PromotionKind' }) kind: PromotionKind;
  @ApiProperty({ example: 'III/b' }) fromGrade: string;
  @ApiProperty({ example: 'III/c' }) toGrade: string;
  @ApiProperty({ example: '2026-04-01' }) effectiveDate: string;
  @ApiProperty({ example: true, description: 'Every blocking rule passes' }) eligible: boolean;
  @ApiProperty({ type: [RuleOutcomeResponse] }) rules: RuleOutcomeResponse[];
  @ApiProperty({ example: '2026.1' }) referenceVersion: string;
  @ApiProperty({ type: [BerkasDocumentResponse] }) documents: BerkasDocumentResponse[];
  @ApiProperty({ enum: ['PPK', 'PRESIDENT'] }) authority: DecreeAuthority;
  @ApiProperty({ type: [ProposalRouteStageResponse] }) stages: ProposalRouteStageResponse[];
}

export class ProposePromotionResponse extends CommandPosition {
  @ApiProperty({ format: 'uuid', example: '3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01' })
  caseId: string;

  @ApiProperty({ enum: [true], description: 'A proposal whose blocking rules fail is refused (422 NOT_ELIGIBLE)' })
  eligible: boolean;

  @ApiProperty({ type: [RuleOutcomeResponse] })
  rules: RuleOutcomeResponse[];

  @ApiProperty({ example: '2026.1', description: 'The national reference data version the rules were judged under' })
  referenceVersion: string;

  @ApiProperty({ enum: ['IN_PROGRESS'], example: 'IN_PROGRESS' })
  status: 'IN_PROGRESS';

  @ApiProperty({ type: String, nullable: true, example: 'verification' })
  stage: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-04T03:00:00.000Z' })
  dueAt: string | null;

  @ApiProperty({ type: [BerkasDocumentResponse], description: 'The berkas: one entry per document type' })
  documents: BerkasDocumentResponse[];
}
