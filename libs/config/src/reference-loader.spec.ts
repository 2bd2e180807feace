import { afterEach, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNationalReference } from './reference-loader.js';

const SHIPPED = JSON.parse(readFileSync(new URL('../../../reference/national-2026.1.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

const dirs: string[] = [];
function directory(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'jenjang-reference-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}
const version = (v: string) => ({ ...SHIPPED, version: v });

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadNationalReference', () => {
  test("finds the repository's reference/ directory from this module and loads the shipped version", () => {
    expect(loadNationalReference().version).toBe('2026.1');
  });

  test('returns the highest version, comparing each dot part as a number', () => {
    const dir = directory({
      'national-2026.1.json': version('2026.1'),
      'national-2026.10.json': version('2026.10'),
      'national-2026.2.json': version('2026.2'),
      'national-2025.9.json': version('2025.9'),
    });
    expect(loadNationalReference(dir).version).toBe('2026.10');
  });

  test('ignores files that are not national-*.json', () => {
    const dir = directory({ 'national-2026.1.json': version('2026.1'), 'regional-2030.1.json': version('2030.1'), 'README.md': 'notes' });
    expect(loadNationalReference(dir).version).toBe('2026.1');
  });

  test('a broken file stops the load, naming the file and the problem, even when it is not the newest', () => {
    const broken = { ...version('2025.1'), rankNames: { ...(SHIPPED.rankNames as object), 'IV/e': '' } };
    const dir = directory({ 'national-2026.1.json': version('2026.1'), 'national-2025.1.json': broken });
    expect(() => loadNationalReference(dir)).toThrow(/national-2025\.1\.json: Invalid national reference data[\s\S]*rankNames\.IV\/e/);
  });

  test('a file that is not JSON stops the load', () => {
    const dir = directory({ 'national-2026.1.json': '{ "version": ' });
    expect(() => loadNationalReference(dir)).toThrow(/national-2026\.1\.json/);
  });

  test('two files stating one version stop the load', () => {
    const dir = directory({ 'national-2026.1.json': version('2026.1'), 'national-2026.1-copy.json': version('2026.1') });
    expect(() => loadNationalReference(dir)).toThrow('both state reference version 2026.1');
  });

  test('a directory without national reference data stops the load', () => {
    const dir = directory({ 'other.json': {} });
    expect(() => loadNationalReference(dir)).toThrow(`No national-*.json reference data in ${dir}`);
  });
});
