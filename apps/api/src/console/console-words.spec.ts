import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENT_TYPES, PROMOTION_KINDS } from '#domain';
import { findConsoleDirectory } from './console-assets.js';
// @ts-expect-error the console is plain JS modules without type declarations
import { kpEn, kpId } from './public/i18n-kp.js';
// @ts-expect-error the console is plain JS modules without type declarations
import { pagesEn, pagesId } from './public/i18n-pages.js';

/** Every outcome code the KP rules can give, read from their source: `outcome('RULE', passed, 'CODE' | passed ? 'A' : 'B', ...)`. */
function ruleCodes(): string[] {
  const source = readFileSync(join(process.cwd(), 'libs/domain/src/kp/kp-rules.ts'), 'utf8');
  const codes = new Set<string>();
  for (const m of source.matchAll(/outcome\(\s*'([A-Z_]+)',\s*[^,]+,\s*(?:'([A-Z_]+)'|[a-z]+ \? '([A-Z_]+)' : '([A-Z_]+)')/g)) {
    for (const code of [m[2], m[3], m[4]].filter(Boolean)) codes.add(`${m[1]}.${code}`);
  }
  return [...codes].sort();
}

const ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_SUPERIOR',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SOD_VIOLATION',
  'NOT_FOUND',
  'CONFLICT',
  'CONCURRENCY_CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_ELIGIBLE',
  'BERKAS_INCOMPLETE',
  'SANCTION_ACTIVE',
  'OBJECTION_WINDOW_CLOSED',
  'IDEMPOTENCY_KEY_REUSED',
  'RATE_LIMITED',
  'UNAVAILABLE',
];

describe('the console words every code of the KP process in Bahasa Indonesia and English', () => {
  const id = { ...kpId, ...pagesId } as Record<string, string>;
  const en = { ...kpEn, ...pagesEn } as Record<string, string>;

  test('the two dictionaries have the same keys', () => {
    expect(Object.keys(id).sort()).toEqual(Object.keys(en).sort());
    expect(findConsoleDirectory()).not.toBeNull();
  });

  test('every rule outcome code, read from the rules themselves', () => {
    const codes = ruleCodes();
    expect(codes.length).toBeGreaterThanOrEqual(30);
    expect(codes).toContain('TIME_IN_GRADE.SHORT');
    const missing = codes.filter((code) => !id[`outcome.${code}`] || !en[`outcome.${code}`]);
    expect(missing).toEqual([]);
  });

  test('every error code of the contract, with its explanation', () => {
    const missing = ERROR_CODES.filter(
      (code) => !id[`error.${code}`] || !en[`error.${code}`] || !id[`errorText.${code}`] || !en[`errorText.${code}`],
    );
    expect(missing).toEqual([]);
  });

  test('every document type, KP kind and stage', () => {
    const keys = [
      ...DOCUMENT_TYPES.map((d) => `doc.${d}`),
      ...PROMOTION_KINDS.map((k) => `kind.${k}`),
      ...['verification', 'committee', 'approval', 'bkn', 'decree'].map((s) => `stage.${s}`),
      ...['MISSING', 'UPLOADED', 'OK', 'DEFICIENT', 'DERIVED'].map((s) => `docStatus.${s}`),
    ];
    expect(keys.filter((k) => !id[k] || !en[k])).toEqual([]);
  });
});
