import { describe, expect, test } from '@jest/globals';
import { isIsoDate } from './dates.js';
import { InputCheck } from './validation.js';

describe('isIsoDate', () => {
  test.each(['2026-03-01', '1900-01-01', '2024-02-29'])('accepts %s', (d) => expect(isIsoDate(d)).toBe(true));
  test.each(['0000-01-01', '1899-12-31', '2025-02-29', '2026-13-01', '2026-3-1', '2026-03-01T00:00:00Z', 20260301])('rejects %s', (d) =>
    expect(isIsoDate(d)).toBe(false),
  );
});

describe('InputCheck.text', () => {
  test('refuses NUL and lone surrogates, which PostgreSQL cannot store', () => {
    for (const bad of ['a\u0000b', 'x\uD800', '\uDC00y']) {
      const check = new InputCheck('TEST');
      expect(check.text(bad, 'name', 100)).toBe(false);
    }
    expect(new InputCheck('TEST').text('Siti 😀 Rahmawati', 'name', 100)).toBe(true);
  });
});
