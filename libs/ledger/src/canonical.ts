/**
 * The event content hash, recomputed fast enough to verify a million events in seconds: the same
 * function as `eventHash` in libs/event-store/src/hashing.ts, over the domain's canonical JSON.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, canonicalString } from '#domain';

export interface HashableEvent {
  streamId: string;
  version: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
}

/** The canonical text the event hash covers; keys already in RFC 8785 order. */
export function canonicalEventText(e: HashableEvent): string {
  return (
    `{"data":${canonicalJson(e.data)},"metadata":${canonicalJson(e.metadata)},` +
    `"schemaVersion":${canonicalJson(e.schemaVersion)},"streamId":${canonicalString(e.streamId)},` +
    `"type":${canonicalString(e.type)},"version":${canonicalJson(e.version)}}`
  );
}

/** Lowercase hex SHA-256(previous hash bytes ‖ canonical text). */
export function recomputeEventHash(previousHash: Buffer, e: HashableEvent): string {
  return createHash('sha256').update(previousHash).update(canonicalEventText(e), 'utf8').digest('hex');
}

export const GENESIS = Buffer.alloc(32);
