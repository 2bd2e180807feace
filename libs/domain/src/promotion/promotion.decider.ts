import { agencyCalendar, type AgencySettings } from '../agency.js';
import { addSla, type AgencyCalendar } from '../calendar.js';
import { addMonthsToDate, instantMillis, isIsoDate, localDate, toInstant } from '../dates.js';
import { checkMetadata, type Command, type CommandMetadata, type Decider, type WithOptionalMetadata } from '../decider.js';
import { concurrencyConflict, conflict, DomainError, forbidden, notFound, sodViolation } from '../errors.js';
import type { Predicate, PromotionEvent, PromotionKind, PromotionProposed, RuleOutcome, StageDefinition } from '../events.js';
import { employeeInAgency, gradeInForce, type ApprovedPromotion, type EmployeeState } from '../employee/employee.decider.js';
import { GRADES, type Grade } from '../grade.js';
import { evaluateMerit, isEligible } from '../merit.js';
import { isValidNip } from '../nip.js';
import { InputCheck } from '../validation.js';

export const PROMOTION_KINDS: readonly PromotionKind[] = ['REGULAR', 'SELECTION'];
export const STAGE_DECISIONS = ['APPROVE', 'RETURN', 'REJECT'] as const;
export type StageDecision = (typeof STAGE_DECISIONS)[number];
export type PromotionStatus = 'IN_PROGRESS' | 'RETURNED' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';
export const CLAIM_DURATION_MS = 2 * 60 * 60 * 1000;
/** How far the effective date (TMT) may lie from the day of the proposal, either way. */
export const EFFECTIVE_DATE_WINDOW_MONTHS = 12;

export interface StageVisit {
  stage: string;
  /** 1 for the first visit of this stage, 2 after a resubmission re-enters it, … */
  visit: number;
  enteredAt: string;
  dueAt: string;
  /** When the visit ended; null while open, or when the closing event was replayed without metadata. */
  leftAt: string | null;
  decidedBy: string | null;
  decision: StageDecision | null;
  breached: boolean;
}

export interface PromotionClaim {
  by: string;
  expiresAt: string;
}

export interface PromotionCase {
  exists: true;
  caseId: string;
  nip: string;
  name: string;
  unitId: string;
  agencyId: string;
  kind: PromotionKind;
  fromGrade: Grade;
  toGrade: Grade;
  effectiveDate: string;
  justification: string;
  exceptionJustification: string | null;
  proposer: string;
  status: PromotionStatus;
  /** The current stage; while RETURNED, the stage that returned it; null once closed. */
  stage: string | null;
  stages: StageDefinition[];
  calendar: AgencyCalendar;
  visits: StageVisit[];
  /** The last decider of each stage. */
  deciders: Record<string, string>;
  claim: PromotionClaim | null;
  /** Number of events in the stream, claims and breaches included. */
  version: number;
  eligible: boolean;
  exception: boolean;
  rules: RuleOutcome[];
  policyVersion: number;
  configVersion: number;
}

export interface NoPromotionCase {
  exists: false;
  version: 0;
}

/** State of the `promotion-{caseId}` stream. Narrow on `exists`. */
export type PromotionState = NoPromotionCase | PromotionCase;

// ---------------------------------------------------------------------------------------------
// Commands

export interface ProposePromotionContext {
  /** The candidate's `employee-{nip}` stream state. */
  employee: EmployeeState;
  /** The candidate's approved promotions (from promotion streams), for the grade in force. */
  approvals?: readonly ApprovedPromotion[];
  appraisals: readonly { period: number; predicate: Predicate }[];
  trainings: readonly { hours: number; completedOn: string }[];
  agency: AgencySettings;
  /** Id of the candidate's open case, if any: one open case per employee. */
  openCaseId?: string | null;
}

export type ProposePromotion = Command<
  'ProposePromotion',
  {
    caseId: string;
    nip: string;
    kind: PromotionKind;
    toGrade: Grade;
    effectiveDate: string;
    justification: string;
    exceptionJustification?: string | null;
  }
> & { context: ProposePromotionContext };

export type DecidePromotion = Command<
  'DecidePromotion',
  { caseId?: string; decision: StageDecision; reason?: string | null; expectedVersion?: number }
>;
export type ClaimPromotion = Command<'ClaimPromotion', { caseId?: string; expectedVersion?: number }>;
export type ReleaseClaim = Command<'ReleaseClaim', { caseId?: string; expectedVersion?: number }>;
export type ResubmitPromotion = Command<'ResubmitPromotion', { caseId?: string; expectedVersion?: number }>;
export type WithdrawPromotion = Command<'WithdrawPromotion', { caseId?: string; reason?: string | null; expectedVersion?: number }>;
/** From the SLA clock; `metadata.actor` is the system's. */
export type MarkSlaBreached = Command<'MarkSlaBreached', { caseId?: string }>;

export type PromotionCommand =
  ProposePromotion | DecidePromotion | ClaimPromotion | ReleaseClaim | ResubmitPromotion | WithdrawPromotion | MarkSlaBreached;

export const initialState = (): PromotionState => ({ exists: false, version: 0 });

// ---------------------------------------------------------------------------------------------
// Queries over the state, shared by decide and by read-side callers (queues).

export const OPEN_STATUSES: readonly PromotionStatus[] = ['IN_PROGRESS', 'RETURNED'];

export function isOpen(state: PromotionState): boolean {
  return state.exists && OPEN_STATUSES.includes(state.status);
}

export function currentVisit(state: PromotionState): StageVisit | null {
  return state.exists ? (state.visits.at(-1) ?? null) : null;
}

export function currentStageDefinition(state: PromotionState): StageDefinition | null {
  if (!state.exists || state.stage === null) return null;
  return state.stages.find((s) => s.id === state.stage) ?? null;
}

/** The claim if it is still live at `now`. */
export function liveClaim(state: PromotionState, now: string): PromotionClaim | null {
  if (!state.exists || !state.claim) return null;
  return instantMillis(state.claim.expiresAt) > instantMillis(now) ? state.claim : null;
}

/** The separation-of-duties rule `actor` would break by deciding the current stage, if any. */
export function sodBreach(state: PromotionCase, actor: string): DomainError | null {
  if (actor === state.nip) {
    return sodViolation('PROMOTION.SOD_CANDIDATE', 'Nobody may decide a case in which they are the candidate');
  }
  if (actor === state.proposer) {
    return sodViolation('PROMOTION.SOD_PROPOSER', 'Nobody may decide a case they proposed');
  }
  const other = state.visits.find((v) => v.decidedBy === actor && v.stage !== state.stage);
  if (other) {
    return sodViolation('PROMOTION.SOD_TWO_STAGES', `Nobody may decide two stages of the same case; you decided stage ${other.stage}`);
  }
  return null;
}

/** Whether the actor could decide the case's current stage now (claims aside): what approver queues show. */
export function canDecide(state: PromotionState, who: Pick<CommandMetadata, 'actor' | 'roles' | 'agency'>): boolean {
  if (!state.exists || state.status !== 'IN_PROGRESS' || state.agencyId !== who.agency) return false;
  const stage = currentStageDefinition(state);
  return stage !== null && who.roles.includes(stage.role) && sodBreach(state, who.actor) === null;
}

// ---------------------------------------------------------------------------------------------
// Decide

function checkExpectedVersion(check: InputCheck, expectedVersion: unknown): void {
  if (expectedVersion === undefined || expectedVersion === null) return;
  check.require(
    typeof expectedVersion === 'number' && Number.isInteger(expectedVersion) && expectedVersion >= 0,
    'expectedVersion',
    'must be a non-negative integer',
  );
}

function requireCase(state: PromotionState, metadata: CommandMetadata, caseId?: string): PromotionCase {
  if (!state.exists || state.agencyId !== metadata.agency) {
    throw notFound('PROMOTION.NOT_FOUND', caseId ? `Promotion case ${caseId} not found` : 'Promotion case not found');
  }
  return state;
}

function requireInProgress(state: PromotionCase, action: string): void {
  if (state.status === 'IN_PROGRESS') return;
  if (state.status === 'RETURNED') {
    throw conflict(
      'PROMOTION.NOT_AT_STAGE',
      `Cannot ${action}: case ${state.caseId} was returned and waits for the proposer to resubmit it`,
    );
  }
  throw conflict('PROMOTION.CLOSED', `Cannot ${action}: case ${state.caseId} is closed (${state.status})`);
}

function requireStageRole(state: PromotionCase, metadata: CommandMetadata, action: string): StageDefinition {
  const stage = currentStageDefinition(state);
  if (!stage) throw conflict('PROMOTION.NOT_AT_STAGE', `Cannot ${action}: case ${state.caseId} is at no stage`);
  if (!metadata.roles.includes(stage.role)) {
    throw forbidden('PROMOTION.ROLE_REQUIRED', `Only a ${stage.role} may ${action} at stage ${stage.id}`);
  }
  return stage;
}

function requireNoOtherClaim(state: PromotionCase, metadata: CommandMetadata, action: string): void {
  const claim = liveClaim(state, metadata.now);
  if (claim && claim.by !== metadata.actor) {
    throw conflict(
      'PROMOTION.CLAIMED_BY_OTHER',
      `Cannot ${action}: case ${state.caseId} is claimed by ${claim.by} until ${claim.expiresAt}`,
    );
  }
}

function requireVersion(state: PromotionCase, expectedVersion: number | undefined | null): void {
  if (expectedVersion === undefined || expectedVersion === null || expectedVersion === state.version) return;
  throw concurrencyConflict(
    'PROMOTION.STALE_VERSION',
    `Case ${state.caseId} is at version ${state.version}, not the expected ${expectedVersion}; reload it and try again`,
  );
}

function calendarOf(state: PromotionCase): AgencyCalendar {
  return { timeZone: state.calendar.timeZone, holidays: [...state.calendar.holidays] };
}

function propose(command: ProposePromotion, state: PromotionState): PromotionEvent[] {
  const { data, metadata, context } = command;
  const agency = context.agency;
  const today = localDate(metadata.now, agency.timeZone);

  const check = new InputCheck('PROMOTION.INVALID_INPUT');
  check.text(data.caseId, 'caseId', 100);
  check.require(isValidNip(data.nip), 'nip', 'must be a valid 18-digit NIP', 'PROMOTION.INVALID_NIP');
  check.oneOf(data.kind, PROMOTION_KINDS, 'kind');
  check.oneOf(data.toGrade, GRADES, 'toGrade');
  if (check.require(isIsoDate(data.effectiveDate), 'effectiveDate', 'must be a date YYYY-MM-DD')) {
    const earliest = addMonthsToDate(today, -EFFECTIVE_DATE_WINDOW_MONTHS);
    const latest = addMonthsToDate(today, EFFECTIVE_DATE_WINDOW_MONTHS);
    if (!data.effectiveDate.endsWith('-01')) {
      check.fail('effectiveDate', 'must be the first day of a month', 'PROMOTION.EFFECTIVE_DATE_NOT_FIRST_OF_MONTH');
    } else if (data.effectiveDate < earliest || data.effectiveDate > latest) {
      check.fail(
        'effectiveDate',
        `must lie within ${EFFECTIVE_DATE_WINDOW_MONTHS} months of today (${earliest} to ${latest})`,
        'PROMOTION.EFFECTIVE_DATE_OUT_OF_RANGE',
      );
    }
  }
  check.text(data.justification, 'justification', 5000);
  check.optionalText(data.exceptionJustification, 'exceptionJustification', 5000);
  check.throwIfAny();

  const employee = employeeInAgency(context.employee, data.nip, metadata.agency);
  if (!employee) throw notFound('PROMOTION.CANDIDATE_NOT_FOUND', `Employee ${data.nip} not found`);

  if (state.exists) throw conflict('PROMOTION.ALREADY_PROPOSED', `Promotion case ${data.caseId} already exists`);
  if (context.openCaseId) {
    throw conflict('PROMOTION.OPEN_CASE_EXISTS', `Employee ${data.nip} already has an open promotion case (${context.openCaseId})`);
  }
  const inForce = gradeInForce(employee, context.approvals ?? [], today);
  if (inForce.pendingGrade) {
    throw conflict(
      'PROMOTION.PENDING_GRADE',
      `Employee ${data.nip} already has an approved promotion to ${inForce.pendingGrade.grade} effective ${inForce.pendingGrade.effectiveDate}`,
    );
  }

  if (metadata.actor === data.nip) {
    throw sodViolation('PROMOTION.SOD_SELF_PROPOSAL', 'Nobody may propose their own promotion');
  }

  const rules = evaluateMerit(
    {
      kind: data.kind,
      currentGrade: inForce.grade,
      gradeSince: inForce.gradeSince,
      toGrade: data.toGrade,
      effectiveDate: data.effectiveDate,
      proposedOn: today,
      appraisals: context.appraisals,
      trainings: context.trainings,
      sanctions: employee.sanctions,
    },
    agency.meritPolicy,
  );
  const eligible = isEligible(rules);
  const exceptionJustification = data.exceptionJustification ?? null;
  if (!eligible && exceptionJustification === null) {
    const failing = rules.filter((r) => !r.passed).map((r) => r.rule);
    throw new DomainError(
      'NOT_ELIGIBLE',
      `Employee ${data.nip} does not meet the merit rules (${failing.join(', ')}); give an exception justification to propose anyway`,
      { reason: 'PROMOTION.NOT_ELIGIBLE', details: { rules } },
    );
  }

  if (agency.stages.length === 0) throw conflict('PROMOTION.NO_STAGES', 'The agency has no pipeline stages');
  const first = agency.stages[0];
  const calendar = agencyCalendar(agency);
  const proposed: PromotionProposed = {
    type: 'PromotionProposed',
    data: {
      caseId: data.caseId,
      nip: data.nip,
      name: employee.name,
      unitId: employee.unitId,
      agencyId: metadata.agency,
      kind: data.kind,
      fromGrade: inForce.grade,
      toGrade: data.toGrade,
      effectiveDate: data.effectiveDate,
      justification: data.justification,
      exceptionJustification,
      eligible,
      exception: !eligible && exceptionJustification !== null,
      rules,
      policyVersion: agency.meritPolicy.version,
      configVersion: agency.configVersion,
      timeZone: calendar.timeZone,
      holidays: [...calendar.holidays],
      stages: agency.stages.map(({ id, role, sla }) => ({ id, role, sla })),
      proposer: metadata.actor,
      stage: first.id,
      enteredAt: toInstant(instantMillis(metadata.now)),
      dueAt: addSla(metadata.now, first.sla, calendar),
    },
  };
  return [proposed];
}

function decidePromotion(command: DecidePromotion, state: PromotionState): PromotionEvent[] {
  const { data, metadata } = command;
  // Body shape first (400 precedes 404 and every 409/403).
  const check = new InputCheck('PROMOTION.INVALID_DECISION');
  const decisionOk = check.oneOf(data.decision, STAGE_DECISIONS, 'decision');
  if (decisionOk && data.decision !== 'APPROVE') {
    if (typeof data.reason !== 'string' || data.reason.trim().length === 0) {
      check.fail('reason', `is required to ${data.decision === 'RETURN' ? 'return' : 'reject'} a case`, 'PROMOTION.REASON_REQUIRED');
    } else {
      check.text(data.reason, 'reason', 5000);
    }
  } else {
    check.optionalText(data.reason, 'reason', 5000);
  }
  checkExpectedVersion(check, data.expectedVersion);
  check.throwIfAny();

  const current = requireCase(state, metadata, data.caseId);
  requireInProgress(current, 'decide');
  const stage = requireStageRole(current, metadata, 'decide');
  const sod = sodBreach(current, metadata.actor);
  if (sod) throw sod;
  requireNoOtherClaim(current, metadata, 'decide');
  requireVersion(current, data.expectedVersion);

  const now = toInstant(instantMillis(metadata.now));
  const reason = data.reason ?? null;
  switch (data.decision) {
    case 'APPROVE': {
      const index = current.stages.findIndex((s) => s.id === stage.id);
      const next = current.stages[index + 1];
      if (next) {
        return [
          {
            type: 'PromotionStageApproved',
            data: {
              caseId: current.caseId,
              stage: stage.id,
              decidedBy: metadata.actor,
              reason,
              nextStage: next.id,
              enteredAt: now,
              dueAt: addSla(now, next.sla, calendarOf(current)),
            },
          },
        ];
      }
      return [
        {
          type: 'PromotionApproved',
          data: {
            caseId: current.caseId,
            nip: current.nip,
            stage: stage.id,
            decidedBy: metadata.actor,
            reason,
            fromGrade: current.fromGrade,
            toGrade: current.toGrade,
            effectiveDate: current.effectiveDate,
          },
        },
      ];
    }
    case 'RETURN':
      return [
        {
          type: 'PromotionReturned',
          data: { caseId: current.caseId, stage: stage.id, decidedBy: metadata.actor, reason: reason as string },
        },
      ];
    case 'REJECT':
      return [
        {
          type: 'PromotionRejected',
          data: { caseId: current.caseId, stage: stage.id, decidedBy: metadata.actor, reason: reason as string },
        },
      ];
    default: {
      const unexpected: never = data.decision;
      throw new Error(`Unknown decision ${String(unexpected)}`);
    }
  }
}

function claim(command: ClaimPromotion, state: PromotionState): PromotionEvent[] {
  const { data, metadata } = command;
  const check = new InputCheck('PROMOTION.INVALID_INPUT');
  checkExpectedVersion(check, data.expectedVersion);
  check.throwIfAny();

  const current = requireCase(state, metadata, data.caseId);
  requireInProgress(current, 'claim');
  const stage = requireStageRole(current, metadata, 'claim the case');
  const sod = sodBreach(current, metadata.actor);
  if (sod) throw sod;
  requireNoOtherClaim(current, metadata, 'claim');
  requireVersion(current, data.expectedVersion);

  // Claiming again while holding the claim renews it.
  return [
    {
      type: 'PromotionClaimed',
      data: {
        caseId: current.caseId,
        stage: stage.id,
        claimedBy: metadata.actor,
        expiresAt: toInstant(instantMillis(metadata.now) + CLAIM_DURATION_MS),
      },
    },
  ];
}

function releaseClaim(command: ReleaseClaim, state: PromotionState): PromotionEvent[] {
  const { data, metadata } = command;
  const check = new InputCheck('PROMOTION.INVALID_INPUT');
  checkExpectedVersion(check, data.expectedVersion);
  check.throwIfAny();

  const current = requireCase(state, metadata, data.caseId);
  requireInProgress(current, 'release a claim');
  if (!current.claim) throw conflict('PROMOTION.NOT_CLAIMED', `Case ${current.caseId} is not claimed`);
  if (current.claim.by !== metadata.actor) {
    throw forbidden('PROMOTION.NOT_CLAIM_HOLDER', `Only ${current.claim.by}, who holds the claim, may release it`);
  }
  requireVersion(current, data.expectedVersion);
  return [{ type: 'PromotionClaimReleased', data: { caseId: current.caseId, stage: current.stage as string, releasedBy: metadata.actor } }];
}

function resubmit(command: ResubmitPromotion, state: PromotionState): PromotionEvent[] {
  const { data, metadata } = command;
  const check = new InputCheck('PROMOTION.INVALID_INPUT');
  checkExpectedVersion(check, data.expectedVersion);
  check.throwIfAny();

  const current = requireCase(state, metadata, data.caseId);
  if (current.status !== 'RETURNED') {
    throw conflict(
      current.status === 'IN_PROGRESS' ? 'PROMOTION.NOT_RETURNED' : 'PROMOTION.CLOSED',
      `Only a returned case can be resubmitted; case ${current.caseId} is ${current.status}`,
    );
  }
  if (metadata.actor !== current.proposer) {
    throw forbidden('PROMOTION.PROPOSER_ONLY', 'Only the proposer may resubmit a returned case');
  }
  requireVersion(current, data.expectedVersion);

  const stage = currentStageDefinition(current);
  if (!stage) throw conflict('PROMOTION.NOT_AT_STAGE', `Case ${current.caseId} is at no stage`);
  const now = toInstant(instantMillis(metadata.now));
  return [
    {
      type: 'PromotionResubmitted',
      data: {
        caseId: current.caseId,
        stage: stage.id,
        resubmittedBy: metadata.actor,
        enteredAt: now,
        dueAt: addSla(now, stage.sla, calendarOf(current)),
      },
    },
  ];
}

function withdraw(command: WithdrawPromotion, state: PromotionState): PromotionEvent[] {
  const { data, metadata } = command;
  const check = new InputCheck('PROMOTION.INVALID_INPUT');
  check.optionalText(data.reason, 'reason', 5000);
  checkExpectedVersion(check, data.expectedVersion);
  check.throwIfAny();

  const current = requireCase(state, metadata, data.caseId);
  if (!OPEN_STATUSES.includes(current.status)) {
    throw conflict('PROMOTION.CLOSED', `Cannot withdraw: case ${current.caseId} is closed (${current.status})`);
  }
  if (metadata.actor !== current.proposer) {
    throw forbidden('PROMOTION.PROPOSER_ONLY', 'Only the proposer may withdraw a case');
  }
  requireVersion(current, data.expectedVersion);
  return [
    {
      type: 'PromotionWithdrawn',
      data: { caseId: current.caseId, stage: current.stage as string, withdrawnBy: metadata.actor, reason: data.reason ?? null },
    },
  ];
}

/** Idempotent: a breach is recorded once per open visit whose deadline has passed, else nothing. */
function markSlaBreached(command: MarkSlaBreached, state: PromotionState): PromotionEvent[] {
  const now = instantMillis(command.metadata?.now, 'metadata.now');
  if (!state.exists || state.status !== 'IN_PROGRESS') return [];
  const visit = currentVisit(state);
  if (!visit || visit.breached || visit.leftAt !== null) return [];
  if (now <= instantMillis(visit.dueAt)) return [];
  const holder = liveClaim(state, command.metadata.now);
  return [
    {
      type: 'PromotionSlaBreached',
      data: { caseId: state.caseId, stage: visit.stage, visit: visit.visit, dueAt: visit.dueAt, heldBy: holder?.by ?? null },
    },
  ];
}

export function decide(command: PromotionCommand, state: PromotionState): PromotionEvent[] {
  // The SLA clock is a system actor: it needs only `now`.
  if (command.type !== 'MarkSlaBreached') checkMetadata(command.metadata);
  switch (command.type) {
    case 'ProposePromotion':
      return propose(command, state);
    case 'DecidePromotion':
      return decidePromotion(command, state);
    case 'ClaimPromotion':
      return claim(command, state);
    case 'ReleaseClaim':
      return releaseClaim(command, state);
    case 'ResubmitPromotion':
      return resubmit(command, state);
    case 'WithdrawPromotion':
      return withdraw(command, state);
    case 'MarkSlaBreached':
      return markSlaBreached(command, state);
    default: {
      const unexpected: never = command;
      throw new Error(`Unknown promotion command ${JSON.stringify(unexpected)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Evolve

function closeCurrentVisit(
  visits: StageVisit[],
  leftAt: string | null,
  decidedBy: string | null,
  decision: StageDecision | null,
): StageVisit[] {
  const last = visits.at(-1);
  if (!last || last.leftAt !== null || last.decision !== null) return visits;
  return [...visits.slice(0, -1), { ...last, leftAt, decidedBy, decision }];
}

function openVisit(visits: StageVisit[], stage: string, enteredAt: string, dueAt: string): StageVisit[] {
  const visit = visits.filter((v) => v.stage === stage).length + 1;
  return [...visits, { stage, visit, enteredAt, dueAt, leftAt: null, decidedBy: null, decision: null, breached: false }];
}

export function evolve(state: PromotionState, event: WithOptionalMetadata<PromotionEvent>): PromotionState {
  const occurredAt = event.metadata?.occurredAt ?? null;
  if (event.type === 'PromotionProposed') {
    const d = event.data;
    return {
      exists: true,
      caseId: d.caseId,
      nip: d.nip,
      name: d.name,
      unitId: d.unitId,
      agencyId: d.agencyId,
      kind: d.kind,
      fromGrade: d.fromGrade,
      toGrade: d.toGrade,
      effectiveDate: d.effectiveDate,
      justification: d.justification,
      exceptionJustification: d.exceptionJustification,
      proposer: d.proposer,
      status: 'IN_PROGRESS',
      stage: d.stage,
      stages: d.stages.map((s) => ({ ...s })),
      calendar: { timeZone: d.timeZone, holidays: [...d.holidays] },
      visits: openVisit([], d.stage, d.enteredAt, d.dueAt),
      deciders: {},
      claim: null,
      version: state.version + 1,
      eligible: d.eligible,
      exception: d.exception,
      rules: d.rules.map((r) => ({ ...r })),
      policyVersion: d.policyVersion,
      configVersion: d.configVersion,
    };
  }
  // Any later event on a stream without a proposal is corrupt input; count it and change nothing else.
  if (!state.exists) return state;
  const s: PromotionCase = { ...state, version: state.version + 1 };
  switch (event.type) {
    case 'PromotionStageApproved': {
      const d = event.data;
      const closed = closeCurrentVisit(s.visits, d.enteredAt, d.decidedBy, 'APPROVE');
      return {
        ...s,
        stage: d.nextStage,
        visits: openVisit(closed, d.nextStage, d.enteredAt, d.dueAt),
        deciders: { ...s.deciders, [d.stage]: d.decidedBy },
        claim: null,
      };
    }
    case 'PromotionApproved': {
      const d = event.data;
      return {
        ...s,
        status: 'APPROVED',
        stage: null,
        visits: closeCurrentVisit(s.visits, occurredAt, d.decidedBy, 'APPROVE'),
        deciders: { ...s.deciders, [d.stage]: d.decidedBy },
        claim: null,
      };
    }
    case 'PromotionReturned': {
      const d = event.data;
      return {
        ...s,
        status: 'RETURNED',
        stage: d.stage,
        visits: closeCurrentVisit(s.visits, occurredAt, d.decidedBy, 'RETURN'),
        deciders: { ...s.deciders, [d.stage]: d.decidedBy },
        claim: null,
      };
    }
    case 'PromotionRejected': {
      const d = event.data;
      return {
        ...s,
        status: 'REJECTED',
        stage: null,
        visits: closeCurrentVisit(s.visits, occurredAt, d.decidedBy, 'REJECT'),
        deciders: { ...s.deciders, [d.stage]: d.decidedBy },
        claim: null,
      };
    }
    case 'PromotionResubmitted': {
      const d = event.data;
      return { ...s, status: 'IN_PROGRESS', stage: d.stage, visits: openVisit(s.visits, d.stage, d.enteredAt, d.dueAt), claim: null };
    }
    case 'PromotionWithdrawn':
      return {
        ...s,
        status: 'WITHDRAWN',
        stage: null,
        // A returned case's visit is already closed; an open one ends here, undecided.
        visits: s.status === 'IN_PROGRESS' ? closeCurrentVisit(s.visits, occurredAt, null, null) : s.visits,
        claim: null,
      };
    case 'PromotionClaimed':
      return { ...s, claim: { by: event.data.claimedBy, expiresAt: event.data.expiresAt } };
    case 'PromotionClaimReleased':
      return { ...s, claim: null };
    case 'PromotionSlaBreached': {
      const d = event.data;
      return { ...s, visits: s.visits.map((v) => (v.stage === d.stage && v.visit === d.visit ? { ...v, breached: true } : v)) };
    }
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}

export const promotionDecider: Decider<PromotionCommand, PromotionState, PromotionEvent> = { decide, evolve, initialState };
