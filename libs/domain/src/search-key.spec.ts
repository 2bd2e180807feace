import { describe, expect, test } from '@jest/globals';
import { searchKey, searchWords } from './search-key.js';

describe('searchKey: a name as search matches it', () => {
  test('accents, case and punctuation fold away', () => {
    expect(searchKey('Cut Nyak Meutía')).toBe('cut nyak meutia');
    expect(searchKey('  T. Muhammad  Rizal, S.E.  ')).toBe('t muhammad rizal s e');
    expect(searchKey('Ñoño')).toBe('nono');
  });

  test('a query splits into folded words, at most eight', () => {
    expect(searchWords('SITI  nur')).toEqual(['siti', 'nur']);
    expect(searchWords('a b c d e f g h i j')).toHaveLength(8);
    expect(searchWords('  ,, ')).toEqual([]);
  });
});
