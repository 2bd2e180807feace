import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleAssets, findChartJs, findConsoleDirectory } from './console-assets.js';

describe('console assets', () => {
  test('the source tree holds the console and Chart.js resolves from node_modules', () => {
    const directory = findConsoleDirectory();
    expect(directory).toMatch(/apps[/\\]api[/\\]src[/\\]console[/\\]public$/);
    expect(findChartJs()).toMatch(/chart\.js[/\\]dist[/\\]chart\.umd\.js$/);
    const assets = new ConsoleAssets();
    expect(assets.names).toEqual(expect.arrayContaining(['index.html', 'app.js', 'styles.css', 'chart.umd.js']));
    expect(assets.get('app.js')?.contentType).toBe('text/javascript; charset=utf-8');
    expect(assets.get('styles.css')?.contentType).toBe('text/css; charset=utf-8');
    expect(assets.get('chart.umd.js')?.body.toString('utf8')).not.toMatch(/sourceMappingURL/);
  });

  test('is found from dist/ by walking up to the source tree', () => {
    const root = mkdtempSync(join(tmpdir(), 'jenjang-assets-'));
    try {
      const source = join(root, 'apps', 'api', 'src', 'console', 'public');
      const compiled = join(root, 'dist', 'apps', 'api', 'src', 'console');
      mkdirSync(source, { recursive: true });
      mkdirSync(compiled, { recursive: true });
      writeFileSync(join(source, 'index.html'), '<!doctype html>');
      expect(findConsoleDirectory(compiled)).toBe(source);
      const elsewhere = mkdtempSync(join(tmpdir(), 'jenjang-no-assets-'));
      expect(findConsoleDirectory(elsewhere)).toBeNull();
      rmSync(elsewhere, { recursive: true, force: true });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('serves only flat, known names: no path is ever built from a request', () => {
    const root = mkdtempSync(join(tmpdir(), 'jenjang-assets-'));
    try {
      writeFileSync(join(root, 'index.html'), '<!doctype html>');
      writeFileSync(join(root, 'app.js'), 'export {};');
      writeFileSync(join(root, 'notes.txt'), 'not an asset type');
      mkdirSync(join(root, 'nested'));
      const assets = new ConsoleAssets(root, null);
      expect(assets.names).toEqual(['app.js', 'index.html']);
      for (const name of ['../package.json', '..', '.env', 'nested', 'notes.txt', 'APP.JS', 'app.js/', '']) {
        expect(assets.get(name)).toBeUndefined();
      }
      const first = assets.get('app.js');
      expect(first?.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
