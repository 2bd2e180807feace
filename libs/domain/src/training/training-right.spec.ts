import { describe, expect, test } from '@jest/globals';
import { belowTrainingRight, jpInYear, jpMissing, TRAINING_HOURS_PER_YEAR, trainingYearWindow } from './training-right.js';

describe('training right (20 JP per calendar year)', () => {
  const trainings = [
    { hours: 8, completedOn: '2025-12-31' },
    { hours: 12, completedOn: '2026-01-01' },
    { hours: 7, completedOn: '2026-12-31' },
    { hours: 30, completedOn: '2027-01-01' },
  ];

  test('JP in a year counts only the trainings completed within that calendar year', () => {
    expect(jpInYear(trainings, 2026)).toBe(19);
    expect(jpInYear(trainings, 2025)).toBe(8);
    expect(jpInYear(trainings, 2024)).toBe(0);
    expect(jpInYear([], 2026)).toBe(0);
  });

  test('the right is 20 JP: 19 is below it, 20 and more meet it', () => {
    expect(TRAINING_HOURS_PER_YEAR).toBe(20);
    expect(belowTrainingRight(0)).toBe(true);
    expect(belowTrainingRight(19)).toBe(true);
    expect(belowTrainingRight(20)).toBe(false);
    expect(belowTrainingRight(24)).toBe(false);
  });

  test('missing JP is what is still owed, never negative', () => {
    expect(jpMissing(0)).toBe(20);
    expect(jpMissing(19)).toBe(1);
    expect(jpMissing(20)).toBe(0);
    expect(jpMissing(24)).toBe(0);
  });

  test('the year window is the calendar year, inclusive', () => {
    expect(trainingYearWindow(2026)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
});
