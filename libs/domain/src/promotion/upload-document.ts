import { checkDocumentName, DOCUMENT_MEDIA_TYPES } from '../documents.js';
import { DOCUMENT_LIMITS, TEXT_LIMITS } from '../limits.js';
import type { Command } from '../decider.js';
import { conflict, forbidden } from '../errors.js';
import type { DocumentType, PromotionDocumentUploaded, PromotionEvent } from '../events.js';
import { DOCUMENT_TYPES } from '../reference/reference-data.js';
import { InputCheck } from '../validation.js';
import { requireCase } from './promotion.guards.js';
import type { PromotionState } from './promotion.state.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The file's bytes are already stored by content; the event records which content it is. */
export type UploadPromotionDocument = Command<
  'UploadPromotionDocument',
  { caseId?: string; documentId: string; type: DocumentType; name: string; sha256: string; size: number; mediaType: string }
>;

export function uploadDocument(command: UploadPromotionDocument, state: PromotionState): PromotionEvent[] {
  const { data, metadata } = command;
  const check = new InputCheck('PROMOTION.INVALID_DOCUMENT');
  check.text(data.documentId, 'documentId', TEXT_LIMITS.id);
  check.oneOf(data.type, DOCUMENT_TYPES, 'type');
  const nameProblem = checkDocumentName(data.name);
  if (nameProblem) check.fail('name', nameProblem, 'PROMOTION.INVALID_DOCUMENT_NAME');
  check.require(typeof data.sha256 === 'string' && SHA256_HEX.test(data.sha256), 'sha256', 'must be a lowercase hex SHA-256');
  check.require(
    Number.isInteger(data.size) && data.size > 0 && data.size <= DOCUMENT_LIMITS.maxBytes,
    'size',
    `must be from 1 to ${DOCUMENT_LIMITS.maxBytes} bytes`,
  );
  check.oneOf(data.mediaType, DOCUMENT_MEDIA_TYPES, 'mediaType');
  check.throwIfAny();

  const current = requireCase(state, metadata, data.caseId);
  const open = current.status === 'RETURNED' || (current.status === 'IN_PROGRESS' && current.stage === 'verification');
  if (!open) {
    throw conflict(
      'PROMOTION.BERKAS_CLOSED',
      `Files are uploaded while the case is at verification or returned to its proposer; case ${current.caseId} is ${current.status}${current.stage ? ` at ${current.stage}` : ''}`,
    );
  }
  if (metadata.actor !== current.proposer) {
    throw forbidden('PROMOTION.PROPOSER_ONLY', 'Only the proposer uploads the berkas of a case');
  }
  const entry = current.berkas.find((e) => e.type === data.type);
  if (!entry) {
    throw conflict('PROMOTION.DOCUMENT_NOT_IN_BERKAS', `A ${current.kind} promotion's berkas has no ${data.type} document`);
  }
  if (entry.derived) {
    throw conflict('PROMOTION.DOCUMENT_DERIVED', `${data.type} is derived from the records Jenjang holds; it is shown, never uploaded`);
  }
  if (current.berkas.reduce((n, e) => n + e.files.length, 0) >= DOCUMENT_LIMITS.maxFilesPerCase) {
    throw conflict('PROMOTION.TOO_MANY_FILES', `A case holds at most ${DOCUMENT_LIMITS.maxFilesPerCase} uploaded files`);
  }
  return [
    {
      type: 'PromotionDocumentUploaded',
      data: {
        caseId: current.caseId,
        documentId: data.documentId,
        type: data.type,
        sha256: data.sha256,
        size: data.size,
        mediaType: data.mediaType as PromotionDocumentUploaded['data']['mediaType'],
        name: data.name,
        uploadedBy: metadata.actor,
      },
    },
  ];
}
