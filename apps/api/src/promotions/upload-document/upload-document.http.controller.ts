import { Controller, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { RunCommand, uploadPromotionDocument } from '#application';
import { DOCUMENT_MEDIA_TYPES, sniffMediaType } from '#domain';
import { DOCUMENT_STORAGE, type DocumentStorage } from '#event-store';
import { commandContext } from '../../commands/command-context.factory.js';
import { ApiError } from '../../http/api-error.js';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer } from '../../http/openapi.js';
import { CaseIdParam } from '../../http/params.js';
import { UploadDocumentQuery } from './upload-document.request.dto.js';
import { UploadDocumentResponse } from './upload-document.response.dto.js';

@ApiTags('promotions')
@ApiAuthenticated()
@Controller('api/promotions/:caseId/documents')
export class UploadDocumentController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('hr')
  @ApiCommand()
  @ApiConsumes(...DOCUMENT_MEDIA_TYPES)
  @ApiBody({
    description: 'The file itself, at most 5 MiB; its bytes must be of the Content-Type',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiAnswer(201, UploadDocumentResponse, 'Uploaded; it replaces an earlier file of its type in the berkas (both stay in the history)')
  @ApiErrorAnswer(403, 'FORBIDDEN: not the proposer')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such case in your agency')
  @ApiErrorAnswer(409, 'CONFLICT: the case is not at verification nor returned; the type is not in its berkas or is derived')
  @ApiErrorAnswer(413, 'PAYLOAD_TOO_LARGE: the file is over 5 MiB')
  @ApiErrorAnswer(415, 'UNSUPPORTED_MEDIA_TYPE: not application/pdf, image/jpeg or image/png, or bytes that are not of that type')
  async upload(
    @Param() { caseId }: CaseIdParam,
    @Query() { type, name }: UploadDocumentQuery,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
  ) {
    // The body parser (http/document-body.ts) let only a non-empty file of the declared type through.
    const bytes = request.body;
    const mediaType = Buffer.isBuffer(bytes) ? sniffMediaType(bytes) : null;
    if (!Buffer.isBuffer(bytes) || mediaType === null) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'The body is not a document');
    // The bytes first: an event must never name a hash whose file is not stored.
    const { sha256, size } = await this.storage.put(bytes, mediaType);
    const input = { caseId, type, name, sha256, size, mediaType };
    // A retry under the same Idempotency-Key is the same request when it names the same file.
    return this.commands.execute(new RunCommand(uploadPromotionDocument, input, commandContext(request, actor, { type, name, sha256 })));
  }
}
