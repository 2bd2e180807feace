import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { CASE_ID_PATTERN, DOCUMENT_MEDIA_TYPES, findBerkasFile, notFound } from '#domain';
import { DOCUMENT_STORAGE, type DocumentStorage } from '#event-store';
import { ApiAuthenticated, ApiErrorAnswer } from '../../http/openapi.js';
import { CaseIdParam } from '../../http/params.js';
import { CASE_VIEW_ROLES } from '../../queries/queries.http.controller.js';
import { ReadModels } from '../../queries/read-models.js';
import { inlineDisposition } from './find-case-document.js';

export class CaseDocumentParams extends CaseIdParam {
  @ApiProperty({ example: '7d1f0c2a-4b3e-4f5a-9c8d-2e1f0a3b4c5d' })
  @Matches(CASE_ID_PATTERN, { message: 'documentId is malformed' })
  documentId: string;
}

const BINARY = { schema: { type: 'string', format: 'binary' } };

@ApiTags('promotions')
@ApiAuthenticated()
@Controller('api/promotions/:caseId/documents/:documentId')
export class DownloadDocumentController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  @Get()
  // Whoever may read the case may read its files: the case read decides (roles here, the rest in promotionCase).
  @Roles(...CASE_VIEW_ROLES)
  @ApiResponse({
    status: 200,
    description: 'The file as uploaded, with its stored Content-Type, shown inline',
    content: Object.fromEntries(DOCUMENT_MEDIA_TYPES.map((type) => [type, BINARY])),
  })
  @ApiErrorAnswer(400, 'VALIDATION_FAILED: a malformed caseId or documentId')
  @ApiErrorAnswer(403, 'FORBIDDEN: an employee reading someone else’s case')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such case in your agency, or no such file in its berkas')
  async download(@Param() { caseId, documentId }: CaseDocumentParams, @CurrentActor() actor: Actor, @Res() reply: FastifyReply) {
    const row = await this.readModels.readableCase(caseId, actor);
    const document = findBerkasFile(row.case_state.berkas, documentId);
    const file = document ? await this.storage.get(document.sha256) : null;
    if (!document || !file) throw notFound('PROMOTION.DOCUMENT_NOT_FOUND', `Document ${documentId} is not in the berkas of case ${caseId}`);
    void reply
      .status(200)
      .header('content-type', file.mediaType)
      .header('content-disposition', inlineDisposition(document.name, documentId))
      .header('x-content-type-options', 'nosniff')
      .header('content-length', String(file.bytes.byteLength))
      .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  }
}
