import { TEXT_LIMITS } from '../limits.js';
import { agencyCalendar, pipelineFor, type AgencySettings } from '../agency.js';
import { addSla } from '../calendar.js';
import { instantMillis, isIsoDate, localDate, toInstant, yearOf } from '../dates.js';
import type { Command } from '../decider.js';
import { actingCapacity, type ActiveDelegation } from '../delegation/delegation.js';
import { conflict, DomainError, forbidden, notFound, sodViolation } from '../errors.js';
import type { Predicate, PromotionEvent, PromotionKind, PromotionProposed, RuleOutcome } from '../events.js';
import { employeeInAgency, gradeInForce, type ApprovedPromotion } from '../employee/employee.queries.js';
import type { EmployeeState, RegisteredEmployee } from '../employee/employee.state.js';
import { compareGrades, GRADES, nextGrade, type Grade } from '../grade.js';
import { evaluateKp, isEligible, needsServiceExam, type KpInput } from '../kp/kp-rules.js';
import { effectiveDateProblem } from '../kp/tmt.js';
import { isValidNip } from '../nip.js';
import { berkasFor, decreeAuthorityFor, entryGrade, nationalHolidays } from '../reference/reference.js';
import type { ReferenceData } from '../reference/reference-data.js';
import { InputCheck } from '../validation.js';
import { PROMOTION_KINDS, type PromotionState } from './promotion.state.js';

/** The committed facts a proposal is decided on. */
export interface ProposePromotionContext {
  /** The candidate's `employee-{nip}` stream state. */
  employee: EmployeeState;
  /** The candidate's decreed promotions (from promotion streams), for the grade in force. */
  approvals?: readonly ApprovedPromotion[];
  /** Final predikat per annual appraisal. */
  appraisals: readonly { period: number; predicate: Predicate }[];
  trainings: readonly { hours: number; completedOn: string }[];
  agency: AgencySettings;
  reference: ReferenceData;
  /** Id of the candidate's open case, if any: one open case per employee. */
  openCaseId?: string | null;
  /** The actor's delegations: an acting hr official proposes in their delegator's office. */
  delegations?: readonly ActiveDelegation[];
}

export interface ProposalInput {
  nip: string;
  kind: PromotionKind;
  toGrade: Grade;
  effectiveDate: string;
}

export type ProposePromotion = Command<'ProposePromotion', ProposalInput & { caseId: string; justification: string }> & {
  context: ProposePromotionContext;
};

/** What a proposal would record: every rule's outcome, the berkas and the decree authority. */
export interface ProposalPreview {
  kind: PromotionKind;
  fromGrade: Grade;
  toGrade: Grade;
  effectiveDate: string;
  eligible: boolean;
  rules: RuleOutcome[];
  referenceVersion: string;
  documents: PromotionProposed['data']['documents'];
  authority: PromotionProposed['data']['authority'];
  stages: PromotionProposed['data']['stages'];
}

function checkProposalShape(check: InputCheck, data: ProposalInput, today: string, reference: ReferenceData): void {
  check.require(isValidNip(data.nip), 'nip', 'must be a valid 18-digit NIP', 'PROMOTION.INVALID_NIP');
  check.oneOf(data.kind, PROMOTION_KINDS, 'kind');
  check.oneOf(data.toGrade, GRADES, 'toGrade');
  if (check.require(isIsoDate(data.effectiveDate), 'effectiveDate', 'must be a date YYYY-MM-DD')) {
    const problem = effectiveDateProblem(data.effectiveDate, today, reference);
    if (problem) check.fail('effectiveDate', problem.message, problem.code);
  }
}

function kpInput(
  employee: RegisteredEmployee,
  data: ProposalInput,
  context: Pick<ProposePromotionContext, 'approvals' | 'appraisals' | 'trainings'>,
  today: string,
): KpInput {
  const inForce = gradeInForce(employee, context.approvals ?? [], today);
  return {
    kind: data.kind,
    currentGrade: inForce.grade,
    gradeSince: inForce.gradeSince,
    toGrade: data.toGrade,
    effectiveDate: data.effectiveDate,
    proposedOn: today,
    employee,
    appraisals: context.appraisals,
    trainings: context.trainings,
  };
}

/** The rules' outcomes, berkas and route a proposal would get now: the same function the proposal records. */
export function previewProposal(
  employee: RegisteredEmployee,
  data: ProposalInput,
  context: ProposePromotionContext,
  now: string,
): ProposalPreview {
  const today = localDate(now, context.agency.timeZone);
  const input = kpInput(employee, data, context, today);
  const rules = evaluateKp(input, context.reference);
  return {
    kind: data.kind,
    fromGrade: input.currentGrade,
    toGrade: data.toGrade,
    effectiveDate: data.effectiveDate,
    eligible: isEligible(rules),
    rules,
    referenceVersion: context.reference.version,
    documents: berkasFor(context.reference, data.kind, needsServiceExam(input, context.reference)),
    authority: decreeAuthorityFor(context.reference, data.toGrade),
    stages: pipelineFor(context.agency, data.kind),
  };
}

/** Checks a preview asks for: the body's shape (400) and the candidate in the actor's agency (404). */
export function previewCandidate(command: Omit<ProposePromotion, 'type' | 'data'> & { data: ProposalInput }): RegisteredEmployee {
  const { data, metadata, context } = command;
  const today = localDate(metadata.now, context.agency.timeZone);
  const check = new InputCheck('PROMOTION.INVALID_INPUT');
  checkProposalShape(check, data, today, context.reference);
  check.throwIfAny();
  const employee = employeeInAgency(context.employee, data.nip, metadata.agency);
  if (!employee) throw notFound('PROMOTION.CANDIDATE_NOT_FOUND', `Employee ${data.nip} not found`);
  return employee;
}

export function propose(command: ProposePromotion, state: PromotionState): PromotionEvent[] {
  const { data, metadata, context } = command;
  const agency = context.agency;
  const today = localDate(metadata.now, agency.timeZone);

  const check = new InputCheck('PROMOTION.INVALID_INPUT');
  check.text(data.caseId, 'caseId', TEXT_LIMITS.id);
  checkProposalShape(check, data, today, context.reference);
  check.text(data.justification, 'justification', TEXT_LIMITS.justification);
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
      `Employee ${data.nip} already has a decreed promotion to ${inForce.pendingGrade.grade} effective ${inForce.pendingGrade.effectiveDate}`,
    );
  }

  // Proposing is hr's office: one's own, or a delegator's under a delegation in force.
  const capacity = actingCapacity(metadata.roles, context.delegations ?? [], 'hr', today);
  if (!capacity) throw forbidden('PROMOTION.HR_ONLY', 'Only hr proposes a promotion');
  if (metadata.actor === data.nip || capacity.onBehalfOf === data.nip) {
    throw sodViolation('PROMOTION.SOD_SELF_PROPOSAL', 'Nobody may propose their own promotion');
  }

  const preview = previewProposal(employee, data, context, metadata.now);
  if (!preview.eligible) {
    const failing = preview.rules.filter((r) => r.blocking && !r.passed).map((r) => r.rule);
    throw new DomainError(
      'NOT_ELIGIBLE',
      `Employee ${data.nip} does not meet the rules of a ${data.kind} promotion (${failing.join(', ')})`,
      {
        reason: 'PROMOTION.NOT_ELIGIBLE',
        details: { rules: preview.rules },
      },
    );
  }

  const year = yearOf(today);
  const calendar = agencyCalendar(agency, nationalHolidays(context.reference, [year, year + 1, year + 2]));
  const first = preview.stages[0];
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
      eligible: true,
      rules: preview.rules,
      referenceVersion: preview.referenceVersion,
      configVersion: agency.configVersion,
      timeZone: calendar.timeZone,
      holidays: [...calendar.holidays],
      stages: preview.stages,
      documents: preview.documents,
      authority: preview.authority,
      signatory: { ...agency.signatory },
      proposer: metadata.actor,
      ...(capacity.onBehalfOf ? { onBehalfOf: capacity.onBehalfOf } : {}),
      stage: first.id,
      enteredAt: toInstant(instantMillis(metadata.now)),
      dueAt: addSla(metadata.now, first.sla, calendar),
    },
  };
  return [proposed];
}

/** The facts a nomination reads: what a proposal's context holds, without the agency's pipeline. */
export type NominationFacts = Pick<ProposePromotionContext, 'approvals' | 'appraisals' | 'trainings' | 'reference'>;

/**
 * The kinds (and target grades) of KP whose every blocking rule the employee passes for `tmt`, as a
 * proposal made on `today` would judge them: the office's nominative list for a period. None while
 * a decreed grade is still ahead.
 */
export function nominations(
  employee: RegisteredEmployee,
  facts: NominationFacts,
  tmt: string,
  today: string,
): { kind: PromotionKind; toGrade: Grade }[] {
  const inForce = gradeInForce(employee, facts.approvals ?? [], today);
  if (inForce.pendingGrade) return [];
  const step = nextGrade(inForce.grade);
  const diplomaTargets = [
    ...new Set(
      [employee.education, ...employee.educationHistory.map((e) => e.level)]
        .filter((level): level is NonNullable<typeof level> => level !== null)
        .map((level) => entryGrade(facts.reference, level))
        .filter((grade) => compareGrades(grade, inForce.grade) > 0),
    ),
  ];
  const candidates: { kind: PromotionKind; toGrade: Grade }[] = [
    // OUTSTANDING rests on an award decree Jenjang does not hold: it is proposed, never nominated.
    ...(step ? (['REGULAR', 'STRUCTURAL', 'FUNCTIONAL'] as const).map((kind) => ({ kind, toGrade: step })) : []),
    ...diplomaTargets.map((toGrade) => ({ kind: 'DIPLOMA_ADJUSTMENT' as const, toGrade })),
  ];
  return candidates.filter(({ kind, toGrade }) =>
    isEligible(evaluateKp(kpInput(employee, { nip: employee.nip, kind, toGrade, effectiveDate: tmt }, facts, today), facts.reference)),
  );
}
