import type { EventMetadata } from './events.js';

/** Where an event sits in commit order: the writing transaction's id, then its global position. */
export interface CommitPosition {
  /** PostgreSQL xid8 of the writing transaction, as a decimal string. */
  transactionId: string;
  globalPosition: number;
}

/** An event as the store recorded it: what the relay publishes and projections consume. */
export interface RecordedEvent<TData = Record<string, unknown>> {
  globalPosition: number;
  transactionId: string;
  streamId: string;
  version: number;
  type: string;
  schemaVersion: number;
  data: TData;
  metadata: EventMetadata;
  recordedAt: string;
  hash: string;
}

/** Total order of commit positions: transaction id first, then global position. */
export function compareCommitPositions(a: CommitPosition, b: CommitPosition): number {
  const ta = BigInt(a.transactionId);
  const tb = BigInt(b.transactionId);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.globalPosition - b.globalPosition;
}

export function formatCommitPosition(p: CommitPosition): string {
  return `${p.transactionId}:${p.globalPosition}`;
}

export function parseCommitPosition(text: string): CommitPosition {
  const match = /^(\d+):(\d+)$/.exec(text);
  if (!match) throw new Error(`Not a commit position: ${text}`);
  return { transactionId: match[1], globalPosition: Number(match[2]) };
}
