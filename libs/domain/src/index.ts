export * from './events.js';
export * from './recorded-event.js';
export * from './errors.js';
export * from './grade.js';
export * from './nip.js';
export * from './dates.js';
export * from './appraisal.js';
export * from './calendar.js';
export * from './reference/reference-data.js';
export * from './agency-defaults.js';
export * from './decider.js';
export * from './upcasters.js';
export { InputCheck, UNSTORABLE_TEXT } from './validation.js';
export * from './limits.js';
export * from './documents.js';
export * from './search-key.js';
export * from './canonical-json.js';

export {
  AGENCY_TIME_ZONES,
  DEFAULT_TIME_ZONE,
  MAX_SLA_DAYS,
  agencyCalendar,
  patchStages,
  pipelineFor,
  agencyDecider,
  decide as decideAgency,
  defaultAgencySettings,
  evolve as evolveAgency,
  firstStageVisit,
  initialState as initialAgencyState,
} from './agency.js';
export type { AgencyCommand, AgencyEvent, AgencySettings, AgencyStage, AgencyState, ConfigureAgency } from './agency.js';

export {
  EMPLOYEE_EVENT_TYPES,
  ESELON_POSITION_TYPES,
  POSITION_TYPES,
  POST_CHANGE_REASONS,
  SANCTION_LEVELS,
  SANCTION_TYPES,
  SANCTION_TYPES_BY_LEVEL,
  isEmployeeEvent,
  sanctionTermEnd,
  sanctionUntil,
  decide as decideEmployee,
  employeeDecider,
  evolve as evolveEmployee,
  initialState as initialEmployeeState,
} from './employee/employee.decider.js';
export { employeeInAgency, gradeInForce } from './employee/employee.queries.js';
export type { ApprovedPromotion, GradeInForce } from './employee/employee.queries.js';
export type * from './employee/employee.state.js';
export * from './delegation/delegation.js';
export type {
  AnnulSanction,
  ChangePost,
  CloseExamination,
  EmployeeCommand,
  EmployeeCommandContext,
  ImposeSanction,
  OpenExamination,
  PostInput,
  RecordEducation,
  RecordServiceExam,
  RegisterEmployee,
  StateCreditPoints,
  TransferEmployee,
} from './employee/employee.decider.js';

export {
  FIRST_APPRAISAL_PERIOD,
  appraisalDecider,
  decide as decideAppraisal,
  evolve as evolveAppraisal,
  initialState as initialAppraisalState,
} from './appraisal/appraisal.decider.js';
export type { AppraisalCommand, AppraisalEvent, AppraisalState, SubmitAppraisal } from './appraisal/appraisal.decider.js';
export * from './appraisal/unit-rating.js';

export {
  COMPETENCY_KINDS,
  MAX_TRAINING_HOURS,
  MIN_TRAINING_HOURS,
  decide as decideTraining,
  evolve as evolveTraining,
  initialState as initialTrainingState,
  trainingDecider,
} from './training/training.decider.js';
export { belowTrainingRight, jpInYear, jpMissing, trainingYearWindow } from './training/training-right.js';
export type { RecordTraining, TrainingCommand, TrainingEvent, TrainingState } from './training/training.decider.js';

export {
  CLAIM_DURATION_MS,
  OPEN_STATUSES,
  PROMOTION_EVENT_TYPES,
  STAGE_DECISIONS,
  canDecide,
  caseSlaState,
  changedVisits,
  closeCurrentVisit,
  closedVisits,
  currentStageDefinition,
  currentVisit,
  decide as decidePromotion,
  evolve as evolvePromotion,
  heldBy,
  initialState as initialPromotionState,
  isClaimLive,
  isOpen,
  isPromotionEvent,
  isVisitBreached,
  isVisitClosed,
  liveClaim,
  markVisitBreached,
  nextVisits,
  openVisit,
  promotionDecider,
  sodBreach,
  stageRole,
  visitClosing,
  visitOutcome,
  visitSlaState,
  whoHoldsTheFile,
  DELEGATE_NEVER_DECIDES,
  DECISION_PAIRS_ALLOWED,
  DOCUMENT_VERDICTS,
  berkasStatus,
  deficientTypes,
  findBerkasFile,
  incompleteBerkas,
  nominations,
  previewCandidate,
  previewProposal,
} from './promotion/promotion.decider.js';
export type {
  BerkasDocument,
  BerkasDocumentStatus,
  BerkasEntry,
  BerkasFile,
  DeclareConflict,
  DocumentVerdictInput,
  NominationFacts,
  ProposalInput,
  ProposalPreview,
  ReturnRecord,
  StageActor,
  UploadPromotionDocument,
  ClaimPromotion,
  DecidePromotion,
  FileHolder,
  HoldingFacts,
  MarkSlaBreached,
  NoPromotionCase,
  PromotionCase,
  PromotionClaim,
  PromotionCommand,
  PromotionFoldEvent,
  PromotionState,
  PromotionStatus,
  ProposePromotion,
  ProposePromotionContext,
  ReleaseClaim,
  ResubmitPromotion,
  StageDecision,
  StageVisit,
  VisitClosing,
  VisitEvent,
  VisitOutcome,
  VisitTiming,
  WithdrawPromotion,
} from './promotion/promotion.decider.js';

export type {
  Dated,
  DistributionBound,
  EducationLevel,
  Eselon,
  GradeRange,
  Jenjang,
  KpPeriodTable,
  OrganisationRating,
  ReferenceData,
} from './reference/reference-data.js';
export {
  berkasFor,
  compareReferenceVersions,
  decreeAuthorityFor,
  educationRank,
  entryGrade,
  eselonRange,
  highestEducation,
  isGradeInRange,
  isKpPeriodDate,
  jenjangRange,
  kpDatesBetween,
  kpMonthsOn,
  kpPeriodTableOn,
  nationalHolidays,
  parseReferenceData,
  rankName,
  regularCeiling,
  rowInForce,
  serviceExamCrossings,
  serviceExamFor,
} from './reference/reference.js';
export type { ServiceExamCrossing } from './reference/reference.js';
export { allowedEffectiveDates, effectiveDateProblem, effectiveDateWindow } from './kp/tmt.js';
export type { EffectiveDateProblem } from './kp/tmt.js';
export { CREDIT_POINT_UNITS, creditPointsSinceLastPromotion, roundCreditPoints, toCreditPointUnits } from './kp/credit-points.js';
export type { CreditPointBasis, CreditPointInput, CreditPointYear, CreditPoints } from './kp/credit-points.js';
export {
  KP_RULES,
  TRAINING_HOURS_PER_YEAR,
  activeSanctionOn,
  evaluateKp,
  isEligible,
  kpRulesFor,
  needsServiceExam,
} from './kp/kp-rules.js';
export type { ActiveDiscipline, KpInput } from './kp/kp-rules.js';
