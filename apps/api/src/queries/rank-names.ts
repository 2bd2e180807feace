import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Grade } from '#domain';

/**
 * Stand-in for the reference lookups (`rankName` of the reference data, being written): the rank
 * names of the national reference document, read once. Swap for the loaded reference data.
 */
const REFERENCE_FILE = resolve(process.cwd(), 'reference/national-2026.1.json');
let rankNames: Partial<Record<Grade, string>> | null = null;

export function rankNameOf(grade: Grade): string | null {
  if (rankNames === null) {
    try {
      rankNames = (JSON.parse(readFileSync(REFERENCE_FILE, 'utf8')) as { rankNames?: Partial<Record<Grade, string>> }).rankNames ?? {};
    } catch {
      rankNames = {}; // no reference file here: the view goes without rank names rather than failing
    }
  }
  return rankNames[grade] ?? null;
}
