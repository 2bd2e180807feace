import type { DocumentType, PromotionDocumentsReviewed } from '../events.js';
import type { BerkasEntry, BerkasFile } from './promotion.state.js';

export type BerkasDocumentStatus = 'MISSING' | 'UPLOADED' | 'OK' | 'DEFICIENT' | 'DERIVED';

/** One type of the berkas as the API shows it (API.md §Promotions: documents). */
export interface BerkasDocument {
  type: DocumentType;
  required: true;
  status: BerkasDocumentStatus;
  documentId?: string;
  name?: string;
  sha256?: string;
  size?: number;
  mediaType?: string;
  note?: string;
}

/** The berkas with `verdicts` (given now, not yet folded) applied: the one definition of each document's status. */
export function berkasStatus(berkas: readonly BerkasEntry[], verdicts: PromotionDocumentsReviewed['data']['verdicts']): BerkasDocument[] {
  const byId = new Map(verdicts.map((v) => [v.documentId, v]));
  return berkas.map((entry) => {
    if (entry.derived) return { type: entry.type, required: true, status: 'DERIVED' };
    const file = entry.current;
    if (!file) return { type: entry.type, required: true, status: 'MISSING' };
    const given = byId.get(file.documentId);
    const verdict = given?.verdict ?? file.verdict;
    const note = given ? given.note : file.note;
    return {
      type: entry.type,
      required: true,
      status: verdict ?? 'UPLOADED',
      documentId: file.documentId,
      name: file.name,
      sha256: file.sha256,
      size: file.size,
      mediaType: file.mediaType,
      ...(note ? { note } : {}),
    };
  });
}

/** What stands between the berkas and approval: every uploadable type not marked OK. */
export function incompleteBerkas(documents: readonly BerkasDocument[]): BerkasDocument[] {
  return documents.filter((d) => d.status !== 'OK' && d.status !== 'DERIVED');
}

/** The types a return names as wanting: missing or found deficient. */
export function deficientTypes(documents: readonly BerkasDocument[]): DocumentType[] {
  return documents.filter((d) => d.status === 'MISSING' || d.status === 'DEFICIENT').map((d) => d.type);
}

/** The file of the berkas with that id, current or replaced (both stay downloadable: the history shows both). */
export function findBerkasFile(berkas: readonly BerkasEntry[], documentId: string): BerkasFile | null {
  for (const entry of berkas) {
    const file = entry.files.find((f) => f.documentId === documentId);
    if (file) return file;
  }
  return null;
}
