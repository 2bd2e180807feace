import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Actor } from '#auth';
import { notFound, validationFailed, type CommitPosition, type RecordedEvent } from '#domain';
import { DATA_SOURCE, EventStore, locateEvent, START_OF_LOG } from '#event-store';
import {
  consistencyProofAt,
  inclusionProofAt,
  LEDGER_KEYS,
  latestCheckpoint,
  leafOfPosition,
  LedgerVerifier,
  readLedgerState,
  type Checkpoint,
  type ConsistencyProof,
  type InclusionProof,
  type LedgerKeys,
  type VerificationResult,
} from '#ledger';

/** An event as auditors get it: exactly as stored and hashed (never upcast), with its hash. */
export interface AuditEvent {
  globalPosition: number;
  streamId: string;
  version: number;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: RecordedEvent['metadata'];
  recordedAt: string;
  hash: string;
}

function toAuditEvent(e: RecordedEvent): AuditEvent {
  return {
    globalPosition: e.globalPosition,
    streamId: e.streamId,
    version: e.version,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: e.metadata,
    recordedAt: e.recordedAt,
    hash: e.hash,
  };
}

const EXPORT_PAGE = 1000;

/**
 * The audit API reads the event stream itself (the one read side allowed to) and the ledger.
 * Everything is scoped to the auditor's agency: other agencies' streams and events are NOT_FOUND.
 */
@Injectable()
export class AuditLog {
  private readonly store: EventStore;
  private verification: Promise<VerificationResult> | null = null;

  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(LEDGER_KEYS) private readonly keys: LedgerKeys,
    private readonly verifier: LedgerVerifier,
  ) {
    this.store = new EventStore(db);
  }

  async streamHistory(streamId: string, actor: Actor): Promise<AuditEvent[]> {
    const events = await this.store.readStream(streamId, { raw: true });
    if (events.length === 0 || events[0].metadata.agency !== actor.agency)
      throw notFound('AUDIT.STREAM_NOT_FOUND', `Stream ${streamId} not found`);
    return events.map(toAuditEvent);
  }

  /** The commit position to read after: the start, or an event of the actor's agency. */
  async cursorAfter(after: number | undefined, actor: Actor): Promise<CommitPosition> {
    if (!after) return START_OF_LOG;
    const event = await locateEvent(this.db, after);
    if (!event || event.agency !== actor.agency)
      throw notFound('AUDIT.CURSOR_NOT_FOUND', `No event at position ${after} in your agency to read after`);
    return event.position;
  }

  async eventsPage(cursor: CommitPosition, limit: number, actor: Actor): Promise<AuditEvent[]> {
    const events = await this.store.readAll(cursor, limit, { agency: actor.agency, raw: true });
    return events.map(toAuditEvent);
  }

  /** The agency's events in commit order from `cursor`, page by page, up to `limit` of them. */
  async *exportEvents(cursor: CommitPosition, limit: number, actor: Actor): AsyncGenerator<AuditEvent> {
    let at = cursor;
    let left = limit;
    while (left > 0) {
      const page = await this.store.readAll(at, Math.min(EXPORT_PAGE, left), { agency: actor.agency, raw: true });
      for (const event of page) yield toAuditEvent(event);
      if (page.length === 0) return;
      left -= page.length;
      const last = page[page.length - 1];
      at = { transactionId: last.transactionId, globalPosition: last.globalPosition };
    }
  }

  async latestCheckpoint(): Promise<Checkpoint> {
    const checkpoint = await latestCheckpoint(this.db);
    if (!checkpoint) throw notFound('AUDIT.NO_CHECKPOINT', 'The ledger has not signed a checkpoint yet');
    return checkpoint;
  }

  async inclusionProof(
    position: number,
    treeSize: number | undefined,
    actor: Actor,
  ): Promise<InclusionProof & { globalPosition: number; eventHash: string; rootHash: string }> {
    const leaf = await leafOfPosition(this.db, position);
    if (!leaf || leaf.agency !== actor.agency) {
      throw notFound('AUDIT.NOT_IN_LEDGER', `No event at position ${position} of your agency is in the ledger (yet)`);
    }
    const { treeSize: current } = await readLedgerState(this.db);
    let size = treeSize;
    if (size === undefined) {
      const signed = await latestCheckpoint(this.db);
      size = signed && signed.treeSize > leaf.leafIndex ? signed.treeSize : current;
    }
    if (size <= leaf.leafIndex || size > current) {
      throw validationFailed(
        'AUDIT.TREE_SIZE_OUT_OF_RANGE',
        'treeSize',
        `treeSize must be from ${leaf.leafIndex + 1} (the event is leaf ${leaf.leafIndex}) to ${current} (the ledger's size)`,
      );
    }
    const proof = await inclusionProofAt(this.db, leaf.leafIndex, size);
    return {
      leafIndex: proof.leafIndex,
      treeSize: proof.treeSize,
      leafHash: proof.leafHash,
      auditPath: proof.auditPath,
      globalPosition: position,
      eventHash: leaf.eventHash,
      rootHash: proof.rootHash,
    };
  }

  async consistencyProof(from: number, to: number | undefined): Promise<ConsistencyProof> {
    const { treeSize: current } = await readLedgerState(this.db);
    const end = to ?? (await latestCheckpoint(this.db))?.treeSize ?? current;
    if (end > current || end < 1) {
      throw validationFailed('AUDIT.TREE_SIZE_OUT_OF_RANGE', 'to', `to must be from 1 to ${current} (the ledger's size)`);
    }
    if (from > end) throw validationFailed('AUDIT.TREE_SIZE_OUT_OF_RANGE', 'from', `from must be from 1 to ${end} (to)`);
    return consistencyProofAt(this.db, from, end);
  }

  /** One verification at a time per process: concurrent callers share the run in flight. */
  verify(): Promise<VerificationResult> {
    this.verification ??= this.verifier
      .verify({ trustedPublicKey: this.keys.trustedPublicKey, trustedKeySource: this.keys.trustedKeySource })
      .finally(() => {
        this.verification = null;
      });
    return this.verification;
  }

  /** Events of one stream recorded up to `at`, upcast for folding, with their agency checked. */
  async streamUntil(streamId: string, at: Date, actor: Actor): Promise<RecordedEvent[]> {
    const events = await this.store.readStreamUntil(streamId, at);
    if (events.length > 0 && events[0].metadata.agency !== actor.agency) return [];
    return events;
  }
}
