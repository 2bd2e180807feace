/** A document entry of the case view (GET /api/promotions/{caseId}), as far as a download needs it. */
interface CaseDocumentEntry {
  type: string;
  status: string;
  documentId?: string | null;
  sha256?: string | null;
  size?: number | null;
  name?: string | null;
  mediaType?: string | null;
}

export type StoredCaseDocument = CaseDocumentEntry & { documentId: string; sha256: string };

/** The berkas entry of an uploaded file by its id, or null (a missing or derived type has no file). */
export function findCaseDocument(caseView: object, documentId: string): StoredCaseDocument | null {
  // `object`: the case view gains its `documents` list with the domain's upload command; until then there is none.
  const documents: readonly CaseDocumentEntry[] =
    'documents' in caseView && Array.isArray(caseView.documents) ? (caseView.documents as CaseDocumentEntry[]) : [];
  const entry = documents.find((d) => d.documentId === documentId);
  return entry && typeof entry.documentId === 'string' && typeof entry.sha256 === 'string' ? (entry as StoredCaseDocument) : null;
}

/** RFC 5987 / 6266: the name in UTF-8, percent-encoded, never a quoted string a name could break out of. */
export function inlineDisposition(name: string, fallback: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  let encoded: string;
  try {
    encoded = encode(name);
  } catch {
    encoded = encode(fallback); // a lone surrogate, which upload refuses: never in a name it stored
  }
  return `inline; filename*=UTF-8''${encoded}`;
}
