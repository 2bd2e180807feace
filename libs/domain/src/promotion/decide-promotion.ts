import { NUMBER_LIMITS, TEXT_LIMITS } from '../limits.js';
import { addSla } from '../calendar.js';
import { instantMillis, isIsoDate, localDate, toInstant } from '../dates.js';
import type { Command } from '../decider.js';
import type { ActiveDelegation } from '../delegation/delegation.js';
import { DomainError } from '../errors.js';
import type { DocumentVerdict, PromotionDocumentsReviewed, PromotionEvent } from '../events.js';
import type { EmployeeState } from '../employee/employee.state.js';
import { activeSanctionOn } from '../kp/kp-rules.js';
import { PRESIDENTIAL_SIGNATORY } from '../agency-defaults.js';
import { InputCheck } from '../validation.js';
import { berkasStatus, deficientTypes, incompleteBerkas } from './berkas.js';
import { calendarOf, checkExpectedVersion, requireCase, requireMayActOnStage, requireVersion } from './promotion.guards.js';
import { STAGE_DECISIONS, type PromotionCase, type PromotionState, type StageDecision } from './promotion.state.js';

export const DOCUMENT_VERDICTS: readonly DocumentVerdict[] = ['OK', 'DEFICIENT'];

export interface DocumentVerdictInput {
  documentId: string;
  verdict: DocumentVerdict;
  note?: string | null;
}

export type DecidePromotion = Command<
  'DecidePromotion',
  {
    caseId?: string;
    decision: StageDecision;
    reason?: string | null;
    expectedVersion?: number;
    documents?: DocumentVerdictInput[];
    pertekNumber?: string;
    pertekDate?: string;
    decreeNumber?: string;
    decreeDate?: string;
  }
> & {
  context?: {
    /** The actor's delegations (Plt/Plh), for deciding in someone's capacity. */
    delegations?: readonly ActiveDelegation[];
    /** The candidate's record: a decree is refused while a sanction is active. */
    employee?: EmployeeState;
  };
};

type DecisionData = DecidePromotion['data'];

function checkBody(check: InputCheck, data: DecisionData): void {
  const decisionOk = check.oneOf(data.decision, STAGE_DECISIONS, 'decision');
  if (decisionOk && data.decision !== 'APPROVE') {
    if (typeof data.reason !== 'string' || data.reason.trim().length === 0) {
      check.fail('reason', `is required to ${data.decision === 'RETURN' ? 'return' : 'reject'} a case`, 'PROMOTION.REASON_REQUIRED');
    } else {
      check.text(data.reason, 'reason', TEXT_LIMITS.reason);
    }
  } else {
    check.optionalText(data.reason, 'reason', TEXT_LIMITS.reason);
  }
  checkExpectedVersion(check, data.expectedVersion);
  if (data.documents !== undefined) {
    if (!Array.isArray(data.documents) || data.documents.length > NUMBER_LIMITS.maxVerdicts) {
      check.fail('documents', `must be a list of at most ${NUMBER_LIMITS.maxVerdicts} verdicts { documentId, verdict, note? }`);
    } else {
      data.documents.forEach((d, i) => {
        check.text(d?.documentId, `documents[${i}].documentId`, TEXT_LIMITS.id);
        check.oneOf(d?.verdict, DOCUMENT_VERDICTS, `documents[${i}].verdict`);
        check.optionalText(d?.note, `documents[${i}].note`, TEXT_LIMITS.reason);
      });
    }
  }
  check.optionalText(data.pertekNumber, 'pertekNumber', TEXT_LIMITS.decreeNumber);
  check.optionalText(data.decreeNumber, 'decreeNumber', TEXT_LIMITS.decreeNumber);
  if (data.pertekDate !== undefined) check.require(isIsoDate(data.pertekDate), 'pertekDate', 'must be a date YYYY-MM-DD');
  if (data.decreeDate !== undefined) check.require(isIsoDate(data.decreeDate), 'decreeDate', 'must be a date YYYY-MM-DD');
}

/** The fields the current stage needs (400, after role and separation of duties, per the contract's order). */
function checkStageFields(current: PromotionCase, data: DecisionData, today: string): PromotionDocumentsReviewed['data']['verdicts'] {
  const check = new InputCheck('PROMOTION.STAGE_FIELDS');
  const stage = current.stage;
  const verdicts: PromotionDocumentsReviewed['data']['verdicts'] = [];
  if (data.documents && data.documents.length > 0) {
    if (stage !== 'verification') {
      check.fail('documents', 'documents are reviewed at the verification stage', 'PROMOTION.VERDICTS_OUTSIDE_VERIFICATION');
    } else {
      const seen = new Set<string>();
      data.documents.forEach((d, i) => {
        const entry = current.berkas.find((e) => e.current?.documentId === d.documentId);
        if (!entry) {
          check.fail(
            `documents[${i}].documentId`,
            `is not a file in force in the berkas of case ${current.caseId}`,
            'PROMOTION.UNKNOWN_DOCUMENT',
          );
        } else if (seen.has(d.documentId)) {
          check.fail(`documents[${i}].documentId`, 'is given two verdicts', 'PROMOTION.DUPLICATE_VERDICT');
        } else {
          seen.add(d.documentId);
          verdicts.push({ documentId: d.documentId, type: entry.type, verdict: d.verdict, note: d.note ?? null });
        }
      });
    }
  }
  if (data.decision === 'APPROVE' && stage === 'bkn') {
    check.require(
      typeof data.pertekNumber === 'string' && data.pertekNumber.trim().length > 0,
      'pertekNumber',
      "is required to record BKN's technical approval",
      'PROMOTION.PERTEK_REQUIRED',
    );
    if (
      check.require(
        typeof data.pertekDate === 'string',
        'pertekDate',
        "is required to record BKN's technical approval",
        'PROMOTION.PERTEK_REQUIRED',
      )
    ) {
      check.require((data.pertekDate as string) <= today, 'pertekDate', `must not be after today (${today})`, 'PROMOTION.DATE_IN_FUTURE');
    }
  }
  if (data.decision === 'APPROVE' && stage === 'decree') {
    check.require(
      typeof data.decreeNumber === 'string' && data.decreeNumber.trim().length > 0,
      'decreeNumber',
      'is required to issue the decree',
      'PROMOTION.DECREE_REQUIRED',
    );
    if (check.require(typeof data.decreeDate === 'string', 'decreeDate', 'is required to issue the decree', 'PROMOTION.DECREE_REQUIRED')) {
      check.require((data.decreeDate as string) <= today, 'decreeDate', `must not be after today (${today})`, 'PROMOTION.DATE_IN_FUTURE');
      if (current.pertek) {
        check.require(
          (data.decreeDate as string) >= current.pertek.date,
          'decreeDate',
          `must not be before BKN's pertek of ${current.pertek.date}`,
          'PROMOTION.DECREE_BEFORE_PERTEK',
        );
      }
    }
  }
  check.throwIfAny();
  return verdicts;
}

export function decidePromotion(command: DecidePromotion, state: PromotionState): PromotionEvent[] {
  const { data, metadata } = command;
  // Body shape first (400 precedes 404 and every 409/403).
  const check = new InputCheck('PROMOTION.INVALID_DECISION');
  checkBody(check, data);
  check.throwIfAny();

  const current = requireCase(state, metadata, data.caseId);
  const { stage, onBehalfOf } = requireMayActOnStage(current, metadata, null, 'decide', command.context?.delegations);
  const acting = onBehalfOf ? { onBehalfOf } : {};
  const today = localDate(metadata.now, current.calendar.timeZone);
  const verdicts = checkStageFields(current, data, today);
  const reviewed: PromotionEvent[] =
    verdicts.length > 0
      ? [
          {
            type: 'PromotionDocumentsReviewed',
            data: { caseId: current.caseId, stage: stage.id, reviewedBy: metadata.actor, ...acting, verdicts },
          },
        ]
      : [];
  const after = reviewed.length > 0 ? berkasStatus(current.berkas, verdicts) : berkasStatus(current.berkas, []);

  if (data.decision === 'APPROVE' && stage.id === 'verification') {
    const incomplete = incompleteBerkas(after);
    if (incomplete.length > 0) {
      throw new DomainError(
        'BERKAS_INCOMPLETE',
        `The berkas is not complete: ${incomplete.map((d) => `${d.type} (${d.status})`).join(', ')}; every required document must be uploaded and marked OK`,
        { reason: 'PROMOTION.BERKAS_INCOMPLETE', details: { documents: incomplete } },
      );
    }
  }
  if (data.decision === 'APPROVE' && stage.id === 'decree') {
    const candidate = command.context?.employee;
    // Fail closed: a decree is never issued without the candidate's record to check it against.
    if (!candidate?.exists)
      throw new DomainError('INTERNAL', 'A decree decision needs the candidate’s record', { reason: 'PROMOTION.DECREE_WITHOUT_RECORD' });
    const blocking = activeSanctionOn(candidate, data.decreeDate as string);
    if (blocking.sanctions.length + blocking.examinations.length > 0) {
      throw new DomainError(
        'SANCTION_ACTIVE',
        `The candidate has an active sanction or examination on ${data.decreeDate}: no decree may be issued`,
        {
          reason: 'PROMOTION.SANCTION_ACTIVE',
          details: { on: data.decreeDate, ...blocking },
        },
      );
    }
  }
  requireVersion(current, data.expectedVersion);

  const now = toInstant(instantMillis(metadata.now));
  const reason = data.reason ?? null;
  switch (data.decision) {
    case 'APPROVE': {
      const index = current.stages.findIndex((s) => s.id === stage.id);
      const next = current.stages[index + 1];
      if (next) {
        return [
          ...reviewed,
          {
            type: 'PromotionStageApproved',
            data: {
              caseId: current.caseId,
              stage: stage.id,
              decidedBy: metadata.actor,
              ...acting,
              reason,
              nextStage: next.id,
              enteredAt: now,
              dueAt: addSla(now, next.sla, calendarOf(current)),
              ...(stage.id === 'bkn' ? { pertek: { number: (data.pertekNumber as string).trim(), date: data.pertekDate as string } } : {}),
            },
          },
        ];
      }
      return [
        ...reviewed,
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
            // Cases proposed under the old three-stage pipeline end at `approval`, without a decree.
            decree:
              stage.id === 'decree'
                ? {
                    number: (data.decreeNumber as string).trim(),
                    date: data.decreeDate as string,
                    authority: current.authority,
                    signatory: current.authority === 'PRESIDENT' ? { ...PRESIDENTIAL_SIGNATORY } : { ...current.signatory },
                  }
                : null,
          },
        },
      ];
    }
    case 'RETURN':
      return [
        ...reviewed,
        {
          type: 'PromotionReturned',
          data: {
            caseId: current.caseId,
            stage: stage.id,
            decidedBy: metadata.actor,
            ...acting,
            reason: reason as string,
            ...(stage.id === 'verification' ? { deficientDocuments: deficientTypes(after) } : {}),
          },
        },
      ];
    case 'REJECT':
      return [
        ...reviewed,
        {
          type: 'PromotionRejected',
          data: { caseId: current.caseId, stage: stage.id, decidedBy: metadata.actor, ...acting, reason: reason as string },
        },
      ];
    default: {
      const unexpected: never = data.decision;
      throw new Error(`Unknown decision ${String(unexpected)}`);
    }
  }
}
