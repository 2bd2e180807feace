import { describe, expect, test } from '@jest/globals';
import { compareGrades, gradeIndex, GRADES, isGrade, nextGrade } from './grade.js';

describe('grades', () => {
  test('there are 17 grades from I/a to IV/e in order', () => {
    expect(GRADES).toHaveLength(17);
    expect(GRADES[0]).toBe('I/a');
    expect(GRADES[3]).toBe('I/d');
    expect(GRADES[4]).toBe('II/a');
    expect(GRADES[8]).toBe('III/a');
    expect(GRADES[12]).toBe('IV/a');
    expect(GRADES[16]).toBe('IV/e');
  });

  test('isGrade accepts only the 17 strings', () => {
    for (const g of GRADES) expect(isGrade(g)).toBe(true);
    for (const bad of ['I/e', 'II/e', 'III/e', 'IV/f', 'iii/b', 'III b', '', null, 3]) expect(isGrade(bad)).toBe(false);
  });

  test('nextGrade steps across the golongan boundary and stops at IV/e', () => {
    expect(nextGrade('I/a')).toBe('I/b');
    expect(nextGrade('I/d')).toBe('II/a');
    expect(nextGrade('II/d')).toBe('III/a');
    expect(nextGrade('III/b')).toBe('III/c');
    expect(nextGrade('III/d')).toBe('IV/a');
    expect(nextGrade('IV/d')).toBe('IV/e');
    expect(nextGrade('IV/e')).toBeNull();
  });

  test('gradeIndex and compareGrades follow the order', () => {
    expect(gradeIndex('I/a')).toBe(0);
    expect(gradeIndex('IV/e')).toBe(16);
    expect(compareGrades('III/a', 'II/d')).toBeGreaterThan(0);
    expect(compareGrades('III/a', 'III/a')).toBe(0);
    GRADES.forEach((g, i) => expect(gradeIndex(g)).toBe(i));
  });
});
