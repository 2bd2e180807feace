import { describe, expect, test } from '@jest/globals';
import type { PromotionDocumentsReviewed, PromotionReturned } from '../events.js';
import {
  APPROVAL_DUE_NO_COMMITTEE,
  approve,
  asPpk,
  asVerifier,
  as,
  atApproval,
  berkasOk,
  CASE,
  decideCmd,
  DOCUMENT,
  HR,
  reviewedOk,
  resubmitted,
  returnedAt,
  SHA,
  spec,
  stateAfter,
  T_VERIFIED,
  uploaded,
  VERIFIER,
  VERIFIER_2,
  verifiedToApproval,
  withoutCommittee,
} from '../testing/promotion.fixtures.js';

const ok = (documentId = DOCUMENT, note?: string) => ({ documentId, verdict: 'OK' as const, ...(note ? { note } : {}) });
const deficient = (documentId = DOCUMENT, note = 'The scan is illegible') => ({ documentId, verdict: 'DEFICIENT' as const, note });
const withFile = [withoutCommittee, uploaded()];
const REPLACEMENT = 'doc-sk-iii-b-2';

describe('the verifier reviews the berkas at verification', () => {
  describe('APPROVE needs every required document OK', () => {
    test('verdicts given with the approval: PromotionDocumentsReviewed, then PromotionStageApproved', () => {
      spec
        .given(withFile)
        .when(approve(asVerifier(), { documents: [ok()] }))
        .then([reviewedOk(), verifiedToApproval]);
    });

    test('a verdict carries its note', () => {
      spec
        .given(withFile)
        .when(approve(asVerifier(), { documents: [ok(DOCUMENT, 'Legalised copy')] }))
        .thenEvents(([reviewed]) => expect((reviewed as PromotionDocumentsReviewed).data.verdicts[0].note).toBe('Legalised copy'));
    });

    test('a verdict given at an earlier visit for the same file counts', () => {
      const history = [
        ...withFile,
        reviewedOk(),
        returnedAt('verification', VERIFIER),
        resubmitted('verification', '2026-03-02T08:00:00.000Z', '2026-03-04T08:00:00.000Z'),
      ];
      spec.given(history).when(approve(asVerifier())).then([verifiedToApproval]);
    });

    test('a replaced file needs its own verdict: the OK of the earlier file does not carry over', () => {
      const history = [...withFile, reviewedOk(), uploaded(REPLACEMENT, 'b'.repeat(64))];
      const error = spec.given(history).when(approve(asVerifier())).thenThrows('BERKAS_INCOMPLETE', 'PROMOTION.BERKAS_INCOMPLETE');
      expect(error.details).toEqual({
        documents: [expect.objectContaining({ type: 'LAST_GRADE_DECREE', status: 'UPLOADED', documentId: REPLACEMENT })],
      });
      spec
        .given(history)
        .when(approve(asVerifier(), { documents: [ok(REPLACEMENT)] }))
        .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['PromotionDocumentsReviewed', 'PromotionStageApproved']));
    });

    test('a missing document: BERKAS_INCOMPLETE with details.documents', () => {
      spec
        .given([withoutCommittee])
        .when(approve(asVerifier()))
        .thenThrows({
          code: 'BERKAS_INCOMPLETE',
          details: { documents: [{ type: 'LAST_GRADE_DECREE', required: true, status: 'MISSING' }] },
        });
    });

    test('an uploaded document without a verdict: BERKAS_INCOMPLETE', () => {
      spec
        .given(withFile)
        .when(approve(asVerifier()))
        .thenThrows({
          code: 'BERKAS_INCOMPLETE',
          details: {
            documents: [
              {
                type: 'LAST_GRADE_DECREE',
                required: true,
                status: 'UPLOADED',
                documentId: DOCUMENT,
                name: 'SK III-b.pdf',
                sha256: SHA,
                size: 48_213,
                mediaType: 'application/pdf',
              },
            ],
          },
        });
    });

    test('a document found DEFICIENT now or before: BERKAS_INCOMPLETE, with the note', () => {
      const error = spec
        .given(withFile)
        .when(approve(asVerifier(), { documents: [deficient()] }))
        .thenThrows('BERKAS_INCOMPLETE');
      expect(error.details).toEqual({ documents: [expect.objectContaining({ status: 'DEFICIENT', note: 'The scan is illegible' })] });
      const foundBefore: PromotionDocumentsReviewed = {
        ...reviewedOk(),
        data: {
          ...reviewedOk().data,
          verdicts: [{ documentId: DOCUMENT, type: 'LAST_GRADE_DECREE', verdict: 'DEFICIENT', note: 'Unsigned' }],
        },
      };
      spec
        .given([...withFile, foundBefore])
        .when(approve(asVerifier()))
        .thenThrows('BERKAS_INCOMPLETE');
    });

    test('a verdict given now overrides an earlier one on the same file', () => {
      const foundBefore: PromotionDocumentsReviewed = {
        ...reviewedOk(),
        data: {
          ...reviewedOk().data,
          verdicts: [{ documentId: DOCUMENT, type: 'LAST_GRADE_DECREE', verdict: 'DEFICIENT', note: 'Unsigned' }],
        },
      };
      spec
        .given([...withFile, foundBefore])
        .when(approve(asVerifier(), { documents: [ok()] }))
        .then([reviewedOk(), verifiedToApproval]);
    });

    test('derived documents (APPRAISALS) never block', () => {
      expect(stateAfter(berkasOk).berkas.find((e) => e.type === 'APPRAISALS')).toMatchObject({ derived: true, current: null });
      spec.given(berkasOk).when(approve(asVerifier())).then([verifiedToApproval]);
    });
  });

  describe('the verdicts themselves: VALIDATION_FAILED', () => {
    test('an unknown documentId', () => {
      spec
        .given(withFile)
        .when(approve(asVerifier(), { documents: [ok('doc-unknown')] }))
        .thenThrows('VALIDATION_FAILED', 'PROMOTION.UNKNOWN_DOCUMENT');
    });

    test('a file no longer in force (replaced) takes no verdict', () => {
      spec
        .given([...withFile, uploaded(REPLACEMENT, 'b'.repeat(64))])
        .when(approve(asVerifier(), { documents: [ok(DOCUMENT)] }))
        .thenThrows('VALIDATION_FAILED', 'PROMOTION.UNKNOWN_DOCUMENT');
    });

    test('two verdicts on one file', () => {
      spec
        .given(withFile)
        .when(approve(asVerifier(), { documents: [ok(), deficient()] }))
        .thenThrows('VALIDATION_FAILED', 'PROMOTION.DUPLICATE_VERDICT');
    });

    test('verdicts at another stage', () => {
      spec
        .given(atApproval)
        .when(approve(asPpk(), { documents: [ok()] }))
        .thenThrows('VALIDATION_FAILED', 'PROMOTION.VERDICTS_OUTSIDE_VERIFICATION');
    });

    test('a verdict other than OK or DEFICIENT is a body-shape error', () => {
      spec
        .given(withFile)
        .when(approve(asVerifier(), { documents: [{ documentId: DOCUMENT, verdict: 'FINE' as never }] }))
        .thenThrows('VALIDATION_FAILED', 'PROMOTION.INVALID_DECISION');
    });

    test('the verdicts are checked after the role and separation of duties', () => {
      spec
        .given(withFile)
        .when(approve(as(VERIFIER, ['committee'], T_VERIFIED), { documents: [ok('doc-unknown')] }))
        .thenThrows('FORBIDDEN');
      spec
        .given(withFile)
        .when(approve(as(HR, ['verifier'], T_VERIFIED), { documents: [ok('doc-unknown')] }))
        .thenThrows('SOD_VIOLATION');
    });
  });

  test('BERKAS_INCOMPLETE (422) comes before a stale version (409)', () => {
    spec
      .given(withFile)
      .when(approve(asVerifier(), { expectedVersion: 1 }))
      .thenThrows('BERKAS_INCOMPLETE');
  });

  describe('RETURN lists the deficient documents', () => {
    test('found DEFICIENT now', () => {
      spec
        .given(withFile)
        .when(decideCmd('RETURN', asVerifier(), { reason: 'Scan the decree again', documents: [deficient()] }))
        .thenEvents((events) => {
          expect(events.map((e) => e.type)).toEqual(['PromotionDocumentsReviewed', 'PromotionReturned']);
          expect((events[1] as PromotionReturned).data).toEqual({
            caseId: CASE,
            stage: 'verification',
            decidedBy: VERIFIER,
            reason: 'Scan the decree again',
            deficientDocuments: ['LAST_GRADE_DECREE'],
          });
        });
    });

    test('missing ones count as deficient; an uploaded file not yet judged does not', () => {
      spec
        .given([withoutCommittee])
        .when(decideCmd('RETURN', asVerifier(), { reason: 'Upload the decree' }))
        .thenEvents(([event]) => expect((event as PromotionReturned).data.deficientDocuments).toEqual(['LAST_GRADE_DECREE']));
      spec
        .given(withFile)
        .when(decideCmd('RETURN', asVerifier(), { reason: 'Wrong person' }))
        .thenEvents(([event]) => expect((event as PromotionReturned).data.deficientDocuments).toEqual([]));
    });

    test('the return is kept on the state for the proposer', () => {
      const returned: PromotionReturned = {
        ...returnedAt('verification', VERIFIER),
        data: { ...returnedAt('verification', VERIFIER).data, deficientDocuments: ['LAST_GRADE_DECREE'] },
      };
      expect(stateAfter([...withFile, returned])).toMatchObject({
        status: 'RETURNED',
        stage: 'verification',
        lastReturn: { stage: 'verification', reason: 'Attach the 2025 SKP', deficientDocuments: ['LAST_GRADE_DECREE'] },
        berkasChanged: false,
      });
    });

    test('a return from a later stage names no documents', () => {
      spec
        .given(atApproval)
        .when(decideCmd('RETURN', asPpk(), { reason: 'Wait for the 2025 appraisal' }))
        .thenEvents(([event]) => expect((event as PromotionReturned).data).not.toHaveProperty('deficientDocuments'));
    });
  });

  test('another verifier may approve what the first found OK (the verdicts belong to the stage, not the person)', () => {
    spec
      .given(berkasOk)
      .when(approve(as(VERIFIER_2, ['verifier'], T_VERIFIED)))
      .then([{ ...verifiedToApproval, data: { ...verifiedToApproval.data, decidedBy: VERIFIER_2, dueAt: APPROVAL_DUE_NO_COMMITTEE } }]);
  });
});
