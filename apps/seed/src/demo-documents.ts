/**
 * Small, valid one-page PDFs for the demo berkas: a title line and a few lines of text in
 * Helvetica, with a correct cross-reference table, so a viewer opens them and the upload sniffer
 * (`%PDF-1.4` … `%%EOF`) accepts them.
 */

/** PDF string literal: WinAnsi text, with `\`, `(` and `)` escaped and what Latin-1 lacks replaced. */
function pdfText(value: string): string {
  const latin = value.replace(/[—–]/g, '-').replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
  return `(${latin.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

export function demoPdf(title: string, lines: readonly string[]): Uint8Array {
  const content = [
    'BT',
    '/F1 15 Tf',
    '56 780 Td',
    `${pdfText(title)} Tj`,
    '/F1 10 Tf',
    '0 -28 Td',
    ...lines.flatMap((line) => [`${pdfText(line)} Tj`, '0 -16 Td']),
    `${pdfText('Dokumen contoh data demo Jenjang')} Tj`,
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}
