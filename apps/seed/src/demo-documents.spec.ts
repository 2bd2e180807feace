import { describe, expect, test } from '@jest/globals';
import { sniffMediaType } from '#domain';
import { demoPdf } from './demo-documents.js';

describe('the demo berkas PDFs', () => {
  const bytes = demoPdf('SK Kenaikan Pangkat Terakhir III/b — Cut Nurul (Aini)', ['NIP 198607142010012003', 'Pemerintah Kota Langsa']);
  const text = Buffer.from(bytes).toString('latin1');

  test('are PDFs to the upload sniffer, small, with the title line on the page', () => {
    expect(sniffMediaType(bytes)).toBe('application/pdf');
    expect(bytes.length).toBeLessThan(2048);
    expect(text).toContain('(SK Kenaikan Pangkat Terakhir III/b - Cut Nurul \\(Aini\\)) Tj');
  });

  test('have a cross-reference table whose offsets point at their objects', () => {
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((offset, i) => expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
    const length = Number(/\/Length (\d+)/.exec(text)?.[1]);
    const start = text.indexOf('stream\n') + 'stream\n'.length;
    expect(text.slice(start + length, start + length + '\nendstream'.length)).toBe('\nendstream');
  });

  test('differ per candidate and document, so each upload is its own file', () => {
    expect(Buffer.from(demoPdf('Ijazah — A', [])).equals(Buffer.from(demoPdf('Ijazah — B', [])))).toBe(false);
  });
});
