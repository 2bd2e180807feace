/** Golongan/ruang: 17 steps, lowest first. */
export const GRADES = [
  'I/a',
  'I/b',
  'I/c',
  'I/d',
  'II/a',
  'II/b',
  'II/c',
  'II/d',
  'III/a',
  'III/b',
  'III/c',
  'III/d',
  'IV/a',
  'IV/b',
  'IV/c',
  'IV/d',
  'IV/e',
] as const;

export type Grade = (typeof GRADES)[number];

export function isGrade(value: unknown): value is Grade {
  return typeof value === 'string' && (GRADES as readonly string[]).includes(value);
}

/** 0 for I/a … 16 for IV/e; -1 for anything that is not a grade. */
export function gradeIndex(grade: Grade): number {
  return (GRADES as readonly string[]).indexOf(grade);
}

/** The grade one step above, or null at IV/e. */
export function nextGrade(grade: Grade): Grade | null {
  const index = gradeIndex(grade);
  if (index < 0 || index === GRADES.length - 1) return null;
  return GRADES[index + 1];
}

export function compareGrades(a: Grade, b: Grade): number {
  return gradeIndex(a) - gradeIndex(b);
}
