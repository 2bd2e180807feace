import { DOCUMENT_LIMITS } from './limits.js';
import { UNSTORABLE_TEXT } from './validation.js';

/** The only kinds of file a berkas holds. */
export const DOCUMENT_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];

export function isDocumentMediaType(value: unknown): value is DocumentMediaType {
  return typeof value === 'string' && (DOCUMENT_MEDIA_TYPES as readonly string[]).includes(value);
}

const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PDF_EOF = [0x25, 0x25, 0x45, 0x4f, 0x46]; // %%EOF
/** Readers accept the EOF marker within the last 1024 bytes (trailing whitespace, a few junk bytes). */
const PDF_EOF_WINDOW = 1024;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The first chunk: length 13, type IHDR. */
const PNG_IHDR = [0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52];
/** The last chunk: length 0, type IEND, its fixed CRC. */
const PNG_IEND = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
const JPEG_SOI = [0xff, 0xd8, 0xff];
const JPEG_EOI = [0xff, 0xd9];

function bytesAt(bytes: Uint8Array, offset: number, expected: readonly number[]): boolean {
  if (offset < 0 || offset + expected.length > bytes.length) return false;
  return expected.every((byte, i) => bytes[offset + i] === byte);
}

function hasPdfEof(bytes: Uint8Array): boolean {
  const from = Math.max(0, bytes.length - PDF_EOF_WINDOW);
  for (let i = bytes.length - PDF_EOF.length; i >= from; i--) if (bytesAt(bytes, i, PDF_EOF)) return true;
  return false;
}

/**
 * What a file is, by its bytes: start and end markers, so a truncated upload is refused too.
 * Hand-written rather than the `file-type` package: three formats, stricter end checks than it
 * makes, and no dependency in the pure domain.
 */
export function sniffMediaType(bytes: Uint8Array): DocumentMediaType | null {
  // %PDF-1.7 or %PDF-2.0: a digit, a dot, a digit after the dash.
  if (bytesAt(bytes, 0, PDF_HEADER) && isDigit(bytes[5]) && bytes[6] === 0x2e && isDigit(bytes[7]) && hasPdfEof(bytes)) {
    return 'application/pdf';
  }
  if (bytesAt(bytes, 0, PNG_SIGNATURE) && bytesAt(bytes, 8, PNG_IHDR) && bytesAt(bytes, bytes.length - PNG_IEND.length, PNG_IEND)) {
    return 'image/png';
  }
  // SOI then a marker, and EOI last; at least the two markers apart (a lone FF D8 FF D9 is no image).
  if (bytes.length >= 6 && bytesAt(bytes, 0, JPEG_SOI) && bytesAt(bytes, bytes.length - 2, JPEG_EOI)) return 'image/jpeg';
  return null;
}

const isDigit = (byte: number | undefined) => byte !== undefined && byte >= 0x30 && byte <= 0x39;

// C0 controls, DEL and C1 controls: they break headers and terminals, and no real file name has them.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
const PATH_SEPARATORS = /[/\\]/;

/** What is wrong with a document's file name, or null: 1-200 characters, a name and not a path. */
export function checkDocumentName(name: unknown): string | null {
  if (typeof name !== 'string' || name.trim().length === 0) return 'name must be a non-empty file name';
  if (name.length > DOCUMENT_LIMITS.nameMaxLength) return `name must be at most ${DOCUMENT_LIMITS.nameMaxLength} characters`;
  if (PATH_SEPARATORS.test(name)) return 'name must be a file name, without / or \\';
  if (CONTROL_CHARACTERS.test(name)) return 'name must not contain control characters';
  if (UNSTORABLE_TEXT.test(name)) return 'name must not contain unpaired surrogate characters';
  if (/^\.+$/.test(name)) return 'name must be a file name, not . or ..';
  return null;
}
