import { TEXT_LIMITS } from '../limits.js';
import { agencyCalendar, type AgencySettings } from '../agency.js';
import { addSla } from '../calendar.js';
import { addMonthsToDate, instantMillis, isIsoDate, localDate, toInstant } from '../dates.js';
import type { Command } from '../decider.js';
import { conflict, DomainError, notFound, sodViolation } from '../errors.js';
import type { Predicate, PromotionEvent, PromotionKind, PromotionProposed } from '../events.js';
import { employeeInAgency, gradeInForce, type ApprovedPromotion, type EmployeeState } from '../employee/employee.decider.js';
import { GRADES, type Grade } from '../grade.js';
import { evaluateMerit, isEligible } from '../merit.js';
import { isValidNip } from '../nip.js';
import { InputCheck } from '../validation.js';
import { EFFECTIVE_DATE_WINDOW_MONTHS, PROMOTION_KINDS, type PromotionState } from './promotion.state.js';

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

export function propose(command: ProposePromotion, state: PromotionState): PromotionEvent[] {
  const { data, metadata, context } = command;
  const agency = context.agency;
  const today = localDate(metadata.now, agency.timeZone);

  const check = new InputCheck('PROMOTION.INVALID_INPUT');
  check.text(data.caseId, 'caseId', TEXT_LIMITS.id);
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
  check.text(data.justification, 'justification', TEXT_LIMITS.justification);
  check.optionalText(data.exceptionJustification, 'exceptionJustification', TEXT_LIMITS.justification);
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
