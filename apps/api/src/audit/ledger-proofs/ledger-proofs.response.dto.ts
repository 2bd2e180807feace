import { ApiProperty } from '@nestjs/swagger';

const HEX = { example: '5f2a9c1e0b7d3f4a6c8e2b1d0f9a7c5e3b1d9f7a5c3e1b0d8f6a4c2e0b9d7f5a', pattern: '^[0-9a-f]{64}$' };

export class CheckpointResponse {
  @ApiProperty({ type: Number, example: 1000 })
  treeSize: number;

  @ApiProperty({ ...HEX, description: 'RFC 9162 Merkle tree hash of the first treeSize leaves' })
  rootHash: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T04:00:10.000Z' })
  signedAt: string;

  @ApiProperty({
    format: 'byte',
    example: 'base64…',
    description: 'Ed25519 over "jenjang-checkpoint\\n{treeSize}\\n{rootHash}\\n{signedAt}\\n"',
  })
  signature: string;

  @ApiProperty({ format: 'byte', example: 'base64…', description: 'The raw 32-byte Ed25519 public key' })
  publicKey: string;
}

export class InclusionProofResponse {
  @ApiProperty({ type: Number, example: 87 })
  leafIndex: number;

  @ApiProperty({ type: Number, example: 1000 })
  treeSize: number;

  @ApiProperty(HEX)
  leafHash: string;

  @ApiProperty({ type: [String], example: [HEX.example] })
  auditPath: string[];

  @ApiProperty({ type: Number, example: 88 })
  globalPosition: number;

  @ApiProperty(HEX)
  eventHash: string;

  @ApiProperty(HEX)
  rootHash: string;
}

export class ConsistencyProofResponse {
  @ApiProperty({ type: Number, example: 1000 })
  from: number;

  @ApiProperty({ type: Number, example: 2000 })
  to: number;

  @ApiProperty({ type: [String], example: [HEX.example] })
  proof: string[];
}
