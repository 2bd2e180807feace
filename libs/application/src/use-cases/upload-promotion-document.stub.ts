/**
 * TEMPORARY STUB, to be replaced by the integrator's `uploadPromotionDocument` in
 * use-cases/promotions.ts (delete this file and its line in index.ts then). It exists only so the
 * upload route compiles and loads before the `UploadPromotionDocument` command does; it appends
 * nothing and answers every call with an error.
 */
import { promotionDecider, streamIds, type PromotionCommand, type PromotionEvent, type PromotionState } from '#domain';
import type { UseCase } from '../use-case.js';

export interface UploadPromotionDocumentInput {
  caseId: string;
  documentId?: string;
  type: string;
  name: string;
  sha256: string;
  size: number;
  mediaType: string;
}

export interface UploadedPromotionDocument {
  documentId: string;
  type: string;
  sha256: string;
  size: number;
}

export const uploadPromotionDocument: UseCase<
  UploadPromotionDocumentInput,
  UploadedPromotionDocument,
  PromotionCommand,
  PromotionState,
  PromotionEvent
> = {
  name: 'UploadPromotionDocument',
  decider: promotionDecider,
  target: (input) => ({ streamId: streamIds.promotion(input.caseId) }),
  command: () => {
    throw new Error('uploadPromotionDocument is a stub: the UploadPromotionDocument command is not wired yet');
  },
  result: () => {
    throw new Error('uploadPromotionDocument is a stub');
  },
};
