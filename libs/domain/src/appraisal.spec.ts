import { describe, expect, test } from '@jest/globals';
import { predicateFor } from './appraisal.js';

describe('predicateFor (PermenPANRB 6/2022)', () => {
  test.each([
    ['ABOVE', 'ABOVE', 'SANGAT_BAIK'],
    ['ABOVE', 'AS_EXPECTED', 'BAIK'],
    ['ABOVE', 'BELOW', 'KURANG'],
    ['AS_EXPECTED', 'ABOVE', 'BAIK'],
    ['AS_EXPECTED', 'AS_EXPECTED', 'BAIK'],
    ['AS_EXPECTED', 'BELOW', 'KURANG'],
    ['BELOW', 'ABOVE', 'BUTUH_PERBAIKAN'],
    ['BELOW', 'AS_EXPECTED', 'BUTUH_PERBAIKAN'],
    ['BELOW', 'BELOW', 'SANGAT_KURANG'],
  ] as const)('results %s, behaviour %s → %s', (results, behaviour, predicate) => {
    expect(predicateFor(results, behaviour)).toBe(predicate);
  });
});
