import { createHash } from 'node:crypto';
import { canonicalJson, type EventMetadata } from '#domain';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedContent {
  streamId: string;
  version: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
}

/** RFC 8785 canonical JSON of exactly the fields the hash covers. */
export function canonicalEventJson(content: HashedContent): string {
  const { streamId, version, type, schemaVersion, data, metadata } = content;
  return canonicalJson({ streamId, version, type, schemaVersion, data, metadata });
}

/** hex SHA-256(previous hash bytes ‖ canonical JSON); a stream's first event chains from 32 zero bytes. */
export function eventHash(previousHash: string, content: HashedContent): string {
  return createHash('sha256').update(Buffer.from(previousHash, 'hex')).update(canonicalEventJson(content), 'utf8').digest('hex');
}
