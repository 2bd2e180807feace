import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TAMPER_KINDS, type TamperKind } from '#ledger';

class SignedHeadResponse {
  @ApiProperty({ type: Number, example: 1040 })
  treeSize: number;

  @ApiProperty({ example: '5f2a9c1e0b7d3f4a6c8e2b1d0f9a7c5e3b1d9f7a5c3e1b0d8f6a4c2e0b9d7f5a' })
  rootHash: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T04:00:10.000Z' })
  signedAt: string;
}

class TrustedCheckpointResponse extends SignedHeadResponse {
  @ApiProperty({ type: Boolean, nullable: true, example: true, description: 'Whether the log’s first treeSize events reproduce its root' })
  reproduced: boolean | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1040,
    description: 'The latest checkpoint a consistency proof from it verified against',
  })
  extendedTo: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 0 })
  proofLength: number | null;
}

/** The whole log's check: the first position whose content, order or presence was altered, if any. */
export class VerificationResponse {
  @ApiProperty({ example: true })
  ok: boolean;

  @ApiProperty({ type: Number, example: 1042 })
  checkedEvents: number;

  @ApiPropertyOptional({ type: Number, example: 312 })
  firstInvalidPosition?: number;

  @ApiPropertyOptional({ enum: TAMPER_KINDS, enumName: 'TamperKind', example: 'ALTERED' })
  kind?: TamperKind;

  @ApiPropertyOptional({ example: 'the content of position 312 does not match its hash' })
  reason?: string;

  @ApiPropertyOptional({ type: Number, example: 311 })
  leafIndex?: number;

  @ApiProperty({ type: Number, example: 1040, description: 'Leaves in the ledger' })
  treeSize: number;

  @ApiProperty({ type: Number, example: 2, description: 'Committed events not yet in the ledger' })
  pendingEvents: number;

  @ApiProperty({ type: Number, example: 2 })
  checkpointsChecked: number;

  @ApiProperty({ type: SignedHeadResponse, nullable: true })
  latestCheckpoint: SignedHeadResponse | null;

  @ApiProperty({ type: String, nullable: true, example: 'base64…', description: 'The key checkpoints were checked against' })
  trustedPublicKey: string | null;

  @ApiProperty({
    enum: ['configured', 'generated', 'checkpoint-file', 'first-checkpoint', 'none'],
    example: 'configured',
    description:
      'Where the trusted key came from: the configuration, generated under DATA_DIR (embedded default), the auditor’s checkpoint, the first stored checkpoint (trust on first use), or no key and no checkpoint',
  })
  trust: string;

  @ApiProperty({ enum: ['worker', 'main'], example: 'worker', description: 'Which thread read and hashed the events' })
  eventsCheckedBy: string;

  @ApiPropertyOptional({ type: TrustedCheckpointResponse })
  trustedCheckpoint?: TrustedCheckpointResponse;

  @ApiProperty({ type: Number, example: 180 })
  durationMs: number;
}
