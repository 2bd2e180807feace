import { describe, expect, test } from '@jest/globals';
import { inlineDisposition } from './find-case-document.js';

describe('inlineDisposition: the file name in UTF-8, percent-encoded', () => {
  test('spaces, non-ASCII and the characters RFC 5987 reserves are encoded; nothing can close a quoted string', () => {
    expect(inlineDisposition('SK Pangkat — III-b.pdf', 'd-1')).toBe(`inline; filename*=UTF-8''SK%20Pangkat%20%E2%80%94%20III-b.pdf`);
    expect(inlineDisposition(`it's (1)*"x".pdf`, 'd-1')).toBe(`inline; filename*=UTF-8''it%27s%20%281%29%2A%22x%22.pdf`);
  });

  test('a name that cannot be encoded falls back to the document id', () => {
    expect(inlineDisposition('sk\ud800.pdf', 'd-1')).toBe(`inline; filename*=UTF-8''d-1`);
  });
});
