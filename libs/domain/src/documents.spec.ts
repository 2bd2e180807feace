import { describe, expect, test } from '@jest/globals';
import { pdfOfSize, SMALL_JPEG, SMALL_PDF, SMALL_PNG, TEXT_AS_PDF } from '../../testing/src/document-fixtures.js';
import { checkDocumentName, sniffMediaType } from './documents.js';
import { DOCUMENT_LIMITS } from './limits.js';

describe('sniffMediaType: what a file is, by its bytes', () => {
  test('a PDF, a PNG and a JPEG are recognised', () => {
    expect(sniffMediaType(SMALL_PDF)).toBe('application/pdf');
    expect(sniffMediaType(SMALL_PNG)).toBe('image/png');
    expect(sniffMediaType(SMALL_JPEG)).toBe('image/jpeg');
  });

  test('a PDF of exactly the size limit is still a PDF', () => {
    expect(sniffMediaType(pdfOfSize(DOCUMENT_LIMITS.maxBytes))).toBe('application/pdf');
  });

  test('a text file named .pdf, and an empty file, are nothing', () => {
    expect(sniffMediaType(TEXT_AS_PDF)).toBeNull();
    expect(sniffMediaType(new Uint8Array())).toBeNull();
  });

  test('a truncated PDF (no %%EOF near the end) is refused, also when the marker is further back than 1024 bytes', () => {
    expect(sniffMediaType(SMALL_PDF.subarray(0, SMALL_PDF.length - 10))).toBeNull();
    const eofThenJunk = new Uint8Array(SMALL_PDF.length + 2000).fill(0x20);
    eofThenJunk.set(SMALL_PDF);
    expect(sniffMediaType(eofThenJunk)).toBeNull();
    const eofThenNewlines = new Uint8Array(SMALL_PDF.length + 100).fill(0x0a);
    eofThenNewlines.set(SMALL_PDF);
    expect(sniffMediaType(eofThenNewlines)).toBe('application/pdf');
  });

  test('a header alone is no file: %PDF- without a version, a PNG without IHDR or IEND, a JPEG without EOI', () => {
    expect(sniffMediaType(new TextEncoder().encode('%PDF-x.y\n%%EOF'))).toBeNull();
    expect(sniffMediaType(SMALL_PNG.subarray(0, 8))).toBeNull();
    expect(sniffMediaType(SMALL_PNG.subarray(0, SMALL_PNG.length - 1))).toBeNull();
    const noIhdr = SMALL_PNG.slice();
    noIhdr[12] = 0x58;
    expect(sniffMediaType(noIhdr)).toBeNull();
    expect(sniffMediaType(SMALL_JPEG.subarray(0, SMALL_JPEG.length - 2))).toBeNull();
    expect(sniffMediaType(Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]))).toBeNull();
  });
});

describe('checkDocumentName: a file name, not a path', () => {
  test('ordinary names, Indonesian and with spaces, pass', () => {
    for (const name of ['SK Pangkat III-b.pdf', 'ijazah_S1 (legalisir).jpg', 'Surat Izin Belajar — 2025.png', 'a']) {
      expect(checkDocumentName(name)).toBeNull();
    }
    expect(checkDocumentName('x'.repeat(DOCUMENT_LIMITS.nameMaxLength))).toBeNull();
  });

  test('empty, blank, too long, paths, controls, dots and lone surrogates each say what is wrong', () => {
    expect(checkDocumentName('')).toMatch(/non-empty/);
    expect(checkDocumentName('   ')).toMatch(/non-empty/);
    expect(checkDocumentName(undefined)).toMatch(/non-empty/);
    expect(checkDocumentName('x'.repeat(DOCUMENT_LIMITS.nameMaxLength + 1))).toMatch(/at most 200/);
    expect(checkDocumentName('../etc/passwd')).toMatch(/without \//);
    expect(checkDocumentName('C:\\berkas\\sk.pdf')).toMatch(/without/);
    expect(checkDocumentName('sk.pdf\r\nX-Injected: 1')).toMatch(/control/);
    expect(checkDocumentName('sk\u0000.pdf')).toMatch(/control/);
    expect(checkDocumentName('sk\u0085.pdf')).toMatch(/control/);
    expect(checkDocumentName('..')).toMatch(/not \. or \.\./);
    expect(checkDocumentName('sk\ud800.pdf')).toMatch(/surrogate/);
  });
});
