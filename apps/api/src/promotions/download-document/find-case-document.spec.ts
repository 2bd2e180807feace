import { describe, expect, test } from '@jest/globals';
import { findCaseDocument, inlineDisposition } from './find-case-document.js';

describe('findCaseDocument: a file of the berkas by its id, from the case view', () => {
  const view = {
    caseId: 'c-1',
    documents: [
      { type: 'LAST_GRADE_DECREE', status: 'UPLOADED', documentId: 'd-1', sha256: 'a'.repeat(64), size: 10, name: 'sk.pdf' },
      { type: 'APPRAISALS', status: 'DERIVED' },
      { type: 'POST_DECREE', status: 'MISSING', documentId: null, sha256: null },
    ],
  };

  test('an uploaded entry is found with its hash; an unknown id, or a view without documents, is null', () => {
    expect(findCaseDocument(view, 'd-1')).toEqual(expect.objectContaining({ sha256: 'a'.repeat(64), name: 'sk.pdf' }));
    expect(findCaseDocument(view, 'd-2')).toBeNull();
    expect(findCaseDocument({ caseId: 'c-1' }, 'd-1')).toBeNull();
  });

  test('an entry without a stored file (derived, missing) is never a download', () => {
    expect(findCaseDocument({ documents: [{ type: 'X', status: 'UPLOADED', documentId: 'd-3', sha256: null }] }, 'd-3')).toBeNull();
  });
});

describe('inlineDisposition: the file name in UTF-8, percent-encoded', () => {
  test('spaces, non-ASCII and the characters RFC 5987 reserves are encoded; nothing can close a quoted string', () => {
    expect(inlineDisposition('SK Pangkat — III-b.pdf', 'd-1')).toBe(`inline; filename*=UTF-8''SK%20Pangkat%20%E2%80%94%20III-b.pdf`);
    expect(inlineDisposition(`it's (1)*"x".pdf`, 'd-1')).toBe(`inline; filename*=UTF-8''it%27s%20%281%29%2A%22x%22.pdf`);
  });

  test('a name that cannot be encoded falls back to the document id', () => {
    expect(inlineDisposition('sk\ud800.pdf', 'd-1')).toBe(`inline; filename*=UTF-8''d-1`);
  });
});
