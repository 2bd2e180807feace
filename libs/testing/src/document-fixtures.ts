/** Small, well-formed files of the three kinds a berkas holds, and a PDF of any exact size. */

const text = (value: string) => new TextEncoder().encode(value);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const PDF_HEAD = text('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n');
const PDF_TAIL = text('trailer << /Root 1 0 R >>\n%%EOF\n');

/** A PDF of exactly `size` bytes (a comment line pads it), at least the bare header and trailer. */
export function pdfOfSize(size: number, fill = 0x41): Uint8Array {
  const padding = size - PDF_HEAD.length - PDF_TAIL.length;
  if (padding < 2) throw new Error(`a PDF needs at least ${PDF_HEAD.length + PDF_TAIL.length + 2} bytes`);
  const comment = new Uint8Array(padding).fill(fill);
  comment[0] = 0x25; // '%': the padding is a comment line
  comment[padding - 1] = 0x0a;
  return concat(PDF_HEAD, comment, PDF_TAIL);
}

export const SMALL_PDF = pdfOfSize(400);

/** A 1×1 PNG as an image editor writes it. */
export const SMALL_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

/** SOI, a JFIF APP0 segment, a comment, EOI: the markers a JPEG starts and ends with. */
export const SMALL_JPEG = concat(
  Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  text('JFIF\0'),
  Uint8Array.from([0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
  Uint8Array.from([0xff, 0xfe, 0x00, 0x07]),
  text('berkas'),
  Uint8Array.from([0xff, 0xd9]),
);

/** A text file someone named `.pdf`. */
export const TEXT_AS_PDF = text('Surat Keputusan kenaikan pangkat, diketik ulang\n');
