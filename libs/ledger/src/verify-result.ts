import { DomainError } from '#domain';
import type { Checkpoint, TrustedKeySource } from './checkpoint.js';

/** What a verification pass reports, and the findings it is assembled from. */

export type TamperKind = 'ALTERED' | 'MISSING' | 'REORDERED' | 'INSERTED' | 'TRUNCATED' | 'BAD_SIGNATURE';
export const TAMPER_KINDS: readonly TamperKind[] = ['ALTERED', 'MISSING', 'REORDERED', 'INSERTED', 'TRUNCATED', 'BAD_SIGNATURE'];

export interface VerificationResult {
  ok: boolean;
  /** Events read and checked (all of them when ok). */
  checkedEvents: number;
  /** Global position of the first event found altered, missing, misplaced or forged (when known). */
  firstInvalidPosition?: number;
  kind?: TamperKind;
  reason?: string;
  /** Commit-order index (= leaf index) of the finding. */
  leafIndex?: number;
  /** Leaves in the ledger and committed events not yet in it. */
  treeSize: number;
  pendingEvents: number;
  checkpointsChecked: number;
  latestCheckpoint: { treeSize: number; rootHash: string; signedAt: string } | null;
  /** The key checkpoints were checked against, and where it came from. */
  trustedPublicKey: string | null;
  trust: 'configured' | 'generated' | 'checkpoint-file' | 'first-checkpoint' | 'none';
  /** Which thread read and hashed the events. */
  eventsCheckedBy: 'worker' | 'main';
  /** With a trusted checkpoint: whether the log extends it, shown by an RFC 9162 consistency proof. */
  trustedCheckpoint?: {
    treeSize: number;
    rootHash: string;
    signedAt: string;
    /** Whether the log's first treeSize events reproduce its root; null when the pass stopped before them. */
    reproduced: boolean | null;
    /** The latest checkpoint an RFC 9162 consistency proof from it verified against, if any. */
    extendedTo: number | null;
    proofLength: number | null;
  };
  durationMs: number;
}

export interface VerifyOptions {
  /** Base64 raw Ed25519 key every checkpoint must verify under. */
  trustedPublicKey?: string | null;
  /** Where that key came from, reported as `trust` (default: configured). */
  trustedKeySource?: TrustedKeySource | null;
  /** An auditor's earlier checkpoint: the log must still reproduce it. */
  trustedCheckpoint?: Checkpoint | null;
  pageSize?: number;
  onProgress?: (checked: number, total: number) => void;
  /**
   * Where the events are read and hashed: a worker thread (the compiled verify-worker.js beside
   * this module, by default when it exists and the database is reached by URL) or null for this thread.
   */
  workerUrl?: URL | null;
}

export class UntrustedCheckpointError extends DomainError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('INTERNAL', message, { reason: 'LEDGER.UNTRUSTED_CHECKPOINT', cause: options.cause });
  }
}

/** A verification result before timing and the thread that read the events are known. */
export type PassResult = Omit<VerificationResult, 'durationMs' | 'eventsCheckedBy'>;

/** What classification needs of an event. */
export interface Row {
  position: number;
  hash: string;
}

export interface Finding {
  kind: TamperKind;
  index: number;
  position?: number;
  reason: string;
  /** Among findings at one index: the event's own first, then signatures, then roots. */
  rank: number;
}

export interface CheckpointCheck {
  checkpoint: Checkpoint;
  trusted: boolean;
  signatureOk: boolean;
  reproduced: boolean | null;
  source: 'stored' | 'file';
}
