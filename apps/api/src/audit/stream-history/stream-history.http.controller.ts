import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '#auth';
import { ApiAnswer, ApiAuthenticated, ApiErrorAnswer } from '../../http/openapi.js';
import { AuditLog } from '../audit-log.js';
import { StreamIdParam } from './stream-history.request.dto.js';
import { AuditEventsResponse } from './stream-history.response.dto.js';

@ApiTags('audit')
@ApiAuthenticated()
@Controller('api/audit/streams')
export class StreamHistoryController {
  constructor(private readonly audit: AuditLog) {}

  @Get(':streamId')
  @Roles('auditor')
  @ApiAnswer(
    200,
    AuditEventsResponse,
    'Every event of the stream as stored (never upcast: the hash covers exactly this), with metadata and hashes. ' +
      'hash = SHA-256(previous hash ‖ RFC 8785 JSON of {streamId, version, type, schemaVersion, data, metadata}), from 32 zero bytes',
  )
  @ApiErrorAnswer(400, 'VALIDATION_FAILED: a malformed stream id')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such stream in your agency')
  async history(@Param() { streamId }: StreamIdParam, @CurrentActor() actor: Actor) {
    return { events: await this.audit.streamHistory(streamId, actor) };
  }
}
