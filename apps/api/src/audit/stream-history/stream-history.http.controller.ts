import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '#auth';
import { AuditLog } from '../audit-log.js';
import { StreamIdParam } from './stream-history.request.dto.js';

export const AUDIT_EVENT_EXAMPLE = {
  globalPosition: 88,
  streamId: 'promotion-3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01',
  version: 2,
  type: 'PromotionStageApproved',
  schemaVersion: 1,
  data: {
    caseId: '3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01',
    stage: 'verification',
    decidedBy: '198001012006011003',
    reason: null,
    nextStage: 'committee',
    enteredAt: '2026-03-02T04:00:00.000Z',
    dueAt: '2026-03-04T04:00:00.000Z',
  },
  metadata: {
    actor: '198001012006011003',
    agency: 'pemkot-langsa',
    correlationId: '6c1d8f5e-2b7a-4a51-9a0e-0f1e2d3c4b5a',
    causationId: null,
    occurredAt: '2026-03-02T04:00:00.000Z',
  },
  recordedAt: '2026-03-02T04:00:00.012Z',
  hash: 'f1c2…64 hex digits',
};

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit/streams')
export class StreamHistoryController {
  constructor(private readonly audit: AuditLog) {}

  @Get(':streamId')
  @Roles('auditor')
  @ApiOkResponse({
    description:
      'Every event of the stream as stored (never upcast: the hash covers exactly this), with metadata and hashes. ' +
      'hash = SHA-256(previous hash ‖ RFC 8785 JSON of {streamId, version, type, schemaVersion, data, metadata}), from 32 zero bytes',
    schema: { example: { events: [AUDIT_EVENT_EXAMPLE] } },
  })
  @ApiNotFoundResponse({ description: 'No such stream in your agency' })
  async history(@Param() { streamId }: StreamIdParam, @CurrentActor() actor: Actor) {
    return { events: await this.audit.streamHistory(streamId, actor) };
  }
}
