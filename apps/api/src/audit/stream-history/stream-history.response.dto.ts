import { ApiProperty } from '@nestjs/swagger';

class EventMetadataResponse {
  @ApiProperty({ example: '198001012006011003', description: 'NIP of the actor, from the verified token' })
  actor: string;

  @ApiProperty({ example: 'pemkot-langsa' })
  agency: string;

  @ApiProperty({ example: '6c1d8f5e-2b7a-4a51-9a0e-0f1e2d3c4b5a', description: 'The X-Correlation-Id of the request that caused it' })
  correlationId: string;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'The event a system worker reacted to' })
  causationId: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T04:00:00.000Z' })
  occurredAt: string;
}

/** An event exactly as stored and hashed (never upcast). */
export class AuditEventResponse {
  @ApiProperty({ type: Number, example: 88 })
  globalPosition: number;

  @ApiProperty({ example: 'promotion-3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01' })
  streamId: string;

  @ApiProperty({ type: Number, example: 2 })
  version: number;

  @ApiProperty({ example: 'PromotionStageApproved' })
  type: string;

  @ApiProperty({ type: Number, example: 1 })
  schemaVersion: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The payload of the event type at its schemaVersion',
    example: { caseId: '3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01', stage: 'verification', decidedBy: '198001012006011003' },
  })
  data: Record<string, unknown>;

  @ApiProperty({ type: EventMetadataResponse })
  metadata: EventMetadataResponse;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T04:00:00.012Z' })
  recordedAt: string;

  @ApiProperty({
    example: 'f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2',
    description: 'SHA-256(previous hash ‖ RFC 8785 JSON of {streamId, version, type, schemaVersion, data, metadata}), hex',
  })
  hash: string;
}

export class AuditEventsResponse {
  @ApiProperty({ type: [AuditEventResponse] })
  events: AuditEventResponse[];
}
