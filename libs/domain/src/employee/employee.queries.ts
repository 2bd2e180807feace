import type { PromotionApproved } from '../events.js';
import type { Grade } from '../grade.js';
import type { EmployeeState, RegisteredEmployee } from './employee.state.js';

/** The employee, if registered in `agency` under `nip`; a registration elsewhere is invisible. */
export function employeeInAgency(state: EmployeeState | null | undefined, nip: string, agency: string): RegisteredEmployee | null {
  if (!state || !state.exists || state.nip !== nip || state.agencyId !== agency) return null;
  return state;
}

// Grade in force: registration plus decreed promotions (which live in promotion streams).

export type ApprovedPromotion = Pick<PromotionApproved['data'], 'toGrade' | 'effectiveDate'> & Partial<PromotionApproved['data']>;

export interface GradeInForce {
  grade: Grade;
  gradeSince: string;
  /** The next decreed grade whose effective date is still ahead. */
  pendingGrade?: { grade: Grade; effectiveDate: string };
}

/**
 * The grade in force on `today` (`YYYY-MM-DD`, agency zone): a decree changes the grade from its
 * effective date, so one dated in the future shows as `pendingGrade` and the old grade holds.
 */
export function gradeInForce(
  employee: { nip?: string; grade: Grade; gradeSince: string },
  approvals: readonly ApprovedPromotion[],
  today: string,
): GradeInForce {
  const relevant = approvals
    .filter((a) => a.nip === undefined || employee.nip === undefined || a.nip === employee.nip)
    .map((a, order) => ({ a, order }))
    .sort((x, y) => (x.a.effectiveDate === y.a.effectiveDate ? x.order - y.order : x.a.effectiveDate < y.a.effectiveDate ? -1 : 1))
    .map(({ a }) => a);
  let current: GradeInForce = { grade: employee.grade, gradeSince: employee.gradeSince };
  for (const approval of relevant) {
    if (approval.effectiveDate <= today) {
      current = { grade: approval.toGrade, gradeSince: approval.effectiveDate };
    } else {
      return { ...current, pendingGrade: { grade: approval.toGrade, effectiveDate: approval.effectiveDate } };
    }
  }
  return current;
}
