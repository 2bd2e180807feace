import { describe, expect, test } from '@jest/globals';
import { DOCUMENT_LIMITS } from '../limits.js';
import type { PromotionDocumentUploaded } from '../events.js';
import { berkasStatus } from './berkas.js';
import type { UploadPromotionDocument } from './promotion.decider.js';
import {
  as,
  atApproval,
  berkasOk,
  DOCUMENT,
  HR,
  PROPOSED_AT,
  rejected,
  returnedAt,
  reviewedOk,
  SHA,
  spec,
  stateAfter,
  uploaded,
  VERIFIER,
  withdrawn,
  withoutCommittee,
} from '../testing/promotion.fixtures.js';

const upload = (data: Partial<UploadPromotionDocument['data']> = {}, metadata = as(HR, ['hr'], PROPOSED_AT)): UploadPromotionDocument => ({
  type: 'UploadPromotionDocument',
  data: {
    documentId: DOCUMENT,
    type: 'LAST_GRADE_DECREE',
    name: 'SK III-b.pdf',
    sha256: SHA,
    size: 48_213,
    mediaType: 'application/pdf',
    ...data,
  },
  metadata,
});

describe('UploadPromotionDocument', () => {
  test('the proposer uploads a file of the berkas at verification: the event records its hash, size, type and name', () => {
    spec.given([withoutCommittee]).when(upload()).then([uploaded()]);
  });

  test('the uploaded file becomes current, without a verdict', () => {
    const state = stateAfter([withoutCommittee, uploaded()]);
    const entry = state.berkas.find((e) => e.type === 'LAST_GRADE_DECREE');
    expect(entry?.current).toMatchObject({ documentId: DOCUMENT, sha256: SHA, verdict: null, note: null });
    expect(berkasStatus(state.berkas, []).map((d) => d.status)).toEqual(['UPLOADED', 'DERIVED']);
  });

  test('a new upload of a type replaces current and keeps the earlier file in the history', () => {
    const second = uploaded('doc-sk-iii-b-2', 'b'.repeat(64));
    spec
      .given([withoutCommittee, uploaded(), reviewedOk()])
      .when(upload({ documentId: 'doc-sk-iii-b-2', sha256: 'b'.repeat(64) }))
      .thenState((state) => {
        if (!state.exists) throw new Error('no case');
        const entry = state.berkas.find((e) => e.type === 'LAST_GRADE_DECREE');
        expect(entry?.current?.documentId).toBe(second.data.documentId);
        expect(entry?.current?.verdict).toBeNull(); // the new file is not yet reviewed
        expect(entry?.files.map((f) => [f.documentId, f.verdict])).toEqual([
          [DOCUMENT, 'OK'],
          ['doc-sk-iii-b-2', null],
        ]);
      });
  });

  test('an upload after a return marks the berkas changed', () => {
    const afterReturn = [...atApproval, returnedAt('approval', '196512311990031004')];
    expect(stateAfter(afterReturn).berkasChanged).toBe(false);
    spec
      .given(afterReturn)
      .when(upload({ documentId: 'doc-2', sha256: 'c'.repeat(64) }))
      .thenState((state) => expect(state.exists && state.berkasChanged).toBe(true));
  });

  test('an upload before any return does not mark the berkas changed', () => {
    expect(stateAfter([withoutCommittee, uploaded()]).berkasChanged).toBe(false);
  });

  describe('only while at verification or returned: CONFLICT', () => {
    test('at a later stage', () => {
      spec.given(atApproval).when(upload()).thenThrows('CONFLICT', 'PROMOTION.BERKAS_CLOSED');
    });

    test('on a closed case', () => {
      spec.given([withoutCommittee, rejected]).when(upload()).thenThrows('CONFLICT', 'PROMOTION.BERKAS_CLOSED');
      spec.given([withoutCommittee, withdrawn]).when(upload()).thenThrows('CONFLICT', 'PROMOTION.BERKAS_CLOSED');
    });
  });

  test('only the proposer uploads: FORBIDDEN', () => {
    spec
      .given([withoutCommittee])
      .when(upload({}, as(VERIFIER, ['verifier', 'hr'], PROPOSED_AT)))
      .thenThrows('FORBIDDEN', 'PROMOTION.PROPOSER_ONLY');
  });

  test('a type outside the kind’s berkas is a CONFLICT', () => {
    spec
      .given([withoutCommittee])
      .when(upload({ type: 'POST_DECREE' }))
      .thenThrows('CONFLICT', 'PROMOTION.DOCUMENT_NOT_IN_BERKAS');
  });

  test('a derived type is never uploaded: CONFLICT', () => {
    spec
      .given([withoutCommittee])
      .when(upload({ type: 'APPRAISALS' }))
      .thenThrows('CONFLICT', 'PROMOTION.DOCUMENT_DERIVED');
  });

  test('an unknown case, or one of another agency, is NOT_FOUND', () => {
    spec.when(upload()).thenThrows('NOT_FOUND');
    spec
      .given([withoutCommittee])
      .when(upload({}, as(HR, ['hr'], PROPOSED_AT, 'pemkot-medan')))
      .thenThrows('NOT_FOUND');
  });

  describe('the file facts: VALIDATION_FAILED', () => {
    test.each<[string, Partial<UploadPromotionDocument['data']>, string]>([
      ['an uppercase sha256', { sha256: 'A'.repeat(64) }, 'sha256'],
      ['a short sha256', { sha256: 'a'.repeat(63) }, 'sha256'],
      ['an empty file', { size: 0 }, 'size'],
      ['a file over 5 MiB', { size: DOCUMENT_LIMITS.maxBytes + 1 }, 'size'],
      ['a fractional size', { size: 1.5 }, 'size'],
      ['a media type other than PDF, JPEG or PNG', { mediaType: 'application/msword' }, 'mediaType'],
      ['a name with a path', { name: '../etc/passwd' }, 'name'],
      ['an empty name', { name: '' }, 'name'],
      ['an unknown document type', { type: 'PASSPORT' as never }, 'type'],
    ])('%s', (_label, data, field) => {
      const error = spec.given([withoutCommittee]).when(upload(data)).thenThrows('VALIDATION_FAILED');
      expect(error.details).toEqual([expect.objectContaining({ field })]);
    });

    test('a file of exactly 5 MiB is accepted', () => {
      spec
        .given([withoutCommittee])
        .when(upload({ size: DOCUMENT_LIMITS.maxBytes }))
        .thenEvents(([event]) => expect((event as PromotionDocumentUploaded).data.size).toBe(DOCUMENT_LIMITS.maxBytes));
    });

    test('shape comes before the stage check', () => {
      spec
        .given(atApproval)
        .when(upload({ size: 0 }))
        .thenThrows('VALIDATION_FAILED');
    });
  });

  test('a case holds at most the file limit: one more is a CONFLICT', () => {
    const many = Array.from({ length: DOCUMENT_LIMITS.maxFilesPerCase }, (_, i) => uploaded(`doc-${i}`, i.toString(16).padStart(64, '0')));
    spec
      .given([withoutCommittee, ...many])
      .when(upload({ documentId: 'doc-one-more' }))
      .thenThrows('CONFLICT', 'PROMOTION.TOO_MANY_FILES');
  });

  test('berkasOk leaves every uploadable document OK', () => {
    expect(berkasStatus(stateAfter(berkasOk).berkas, []).map((d) => d.status)).toEqual(['OK', 'DERIVED']);
  });
});
