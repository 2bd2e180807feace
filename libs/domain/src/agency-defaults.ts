import type { PromotionKind, Role, Signatory, StageId } from './events.js';

/** The national pipeline (DOMAIN.md §Promotion: the pipeline): stage order, roles and default SLAs are fixed here. */
export interface NationalStage {
  id: StageId;
  role: Role;
  sla: string;
  /** Optional stages run only for the kinds the agency requires them for. */
  optional: boolean;
  /** For the optional stage: the kinds it runs for when the agency says nothing. */
  defaultRequiredFor?: PromotionKind[];
}

export const NATIONAL_STAGES: readonly NationalStage[] = [
  { id: 'verification', role: 'verifier', sla: 'P2D', optional: false },
  { id: 'committee', role: 'committee', sla: 'P5D', optional: true, defaultRequiredFor: ['STRUCTURAL'] },
  { id: 'approval', role: 'ppk', sla: 'P3D', optional: false },
  { id: 'bkn', role: 'bkn', sla: 'P2D', optional: false },
  { id: 'decree', role: 'ppk', sla: 'P5D', optional: false },
];

export const NATIONAL_STAGE_IDS: readonly StageId[] = NATIONAL_STAGES.map((s) => s.id);

/** The PPK named on decrees when the agency names nobody. */
export const DEFAULT_SIGNATORY: Signatory = { name: 'Kepala Daerah', title: 'Pejabat Pembina Kepegawaian' };

/** Who signs a presidential decree (Keppres), for a target of IV/c and above: recorded instead of the PPK. */
export const PRESIDENTIAL_SIGNATORY: Signatory = { name: 'Presiden Republik Indonesia', title: 'Presiden' };

/** Jenjang's service standard for deciding a keberatan: 14 × 24 hours elapsed. */
export const DEFAULT_OBJECTION_SLA = 'PT336H';

/** The roles that decide a stage of the national pipeline (the approvers). */
export const APPROVER_ROLES: readonly Role[] = [...new Set(NATIONAL_STAGES.map((s) => s.role))];
