export * from './events.js';
export * from './recorded-event.js';
export * from './errors.js';
export * from './grade.js';
export * from './nip.js';
export * from './dates.js';
export * from './appraisal.js';
export * from './calendar.js';
export * from './merit.js';
export * from './decider.js';
export * from './upcasters.js';
export { InputCheck, UNSTORABLE_TEXT } from './validation.js';
export * from './limits.js';
export * from './canonical-json.js';

export {
  AGENCY_TIME_ZONES,
  DEFAULT_MERIT_POLICY,
  DEFAULT_STAGES,
  DEFAULT_TIME_ZONE,
  MAX_SLA_DAYS,
  STAGE_ID_PATTERN,
  STAGE_ROLES,
  agencyCalendar,
  agencyDecider,
  decide as decideAgency,
  defaultAgencySettings,
  evolve as evolveAgency,
  firstStageVisit,
  initialState as initialAgencyState,
} from './agency.js';
export type { AgencyCommand, AgencyEvent, AgencySettings, AgencyState, ConfigureAgency } from './agency.js';

export {
  EMPLOYEE_EVENT_TYPES,
  ESELON_POSITION_TYPES,
  POSITION_TYPES,
  POST_CHANGE_REASONS,
  SANCTION_LEVELS,
  SANCTION_TYPES,
  SANCTION_TYPES_BY_LEVEL,
  applyApprovedPromotion,
  isEmployeeEvent,
  sanctionTermEnd,
  sanctionUntil,
  decide as decideEmployee,
  employeeDecider,
  employeeInAgency,
  evolve as evolveEmployee,
  gradeInForce,
  initialState as initialEmployeeState,
} from './employee/employee.decider.js';
export type {
  AnnulSanction,
  ApprovedPromotion,
  ChangePost,
  CloseExamination,
  CreditPointStatement,
  EducationRecord,
  EmployeeCommand,
  EmployeeCommandContext,
  EmployeeRecord,
  EmployeeState,
  ExaminationRecord,
  GradeInForce,
  ImposeSanction,
  OpenExamination,
  PostInput,
  PostRecord,
  RecordEducation,
  RecordServiceExam,
  RegisterEmployee,
  RegisteredEmployee,
  SanctionRecord,
  ServiceExamRecord,
  StateCreditPoints,
  TransferEmployee,
  TransferRecord,
  UnregisteredEmployee,
} from './employee/employee.decider.js';

export {
  FIRST_APPRAISAL_PERIOD,
  appraisalDecider,
  decide as decideAppraisal,
  evolve as evolveAppraisal,
  initialState as initialAppraisalState,
} from './appraisal/appraisal.decider.js';
export type { AppraisalCommand, AppraisalEvent, AppraisalState, SubmitAppraisal } from './appraisal/appraisal.decider.js';

export {
  COMPETENCY_KINDS,
  MAX_TRAINING_HOURS,
  MIN_TRAINING_HOURS,
  decide as decideTraining,
  evolve as evolveTraining,
  initialState as initialTrainingState,
  trainingDecider,
} from './training/training.decider.js';
export type { RecordTraining, TrainingCommand, TrainingEvent, TrainingState } from './training/training.decider.js';

export {
  CLAIM_DURATION_MS,
  EFFECTIVE_DATE_WINDOW_MONTHS,
  OPEN_STATUSES,
  PROMOTION_EVENT_TYPES,
  PROMOTION_KINDS,
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
} from './promotion/promotion.decider.js';
export type {
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

export { EDUCATION_LEVELS, ESELONS, JENJANGS } from './reference/reference-data.js';
