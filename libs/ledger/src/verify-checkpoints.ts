import { checkpointSignatureValid, type Checkpoint } from './checkpoint.js';
import { consistencyProofAt, type Queryable } from './ledger-store.js';
import { hexToHash, verifyConsistency } from './merkle.js';
import {
  UntrustedCheckpointError,
  type CheckpointCheck,
  type Finding,
  type PassResult,
  type VerificationResult,
  type VerifyOptions,
} from './verify-result.js';

/** The checkpoint side of the pass: which key they answer to, their signatures, and what their roots say. */

export interface CheckpointTrust {
  trustedKey: string | null;
  trust: VerificationResult['trust'];
  /** The auditor's own checkpoint, when one was given. */
  file: Checkpoint | null;
  checks: CheckpointCheck[];
  /** The checks by tree size, for the pass to fill in `reproduced` as the tree grows. */
  bySize: Map<number, CheckpointCheck[]>;
}

/** Which key the checkpoints answer to, and each stored checkpoint's signature checked under it. */
export function checkpointTrust(stored: Checkpoint[], options: VerifyOptions): CheckpointTrust {
  let trustedKey = options.trustedPublicKey ?? null;
  let trust: VerificationResult['trust'] = trustedKey ? (options.trustedKeySource ?? 'configured') : 'none';
  const file = options.trustedCheckpoint ?? null;
  if (file) {
    if (!checkpointSignatureValid(file, trustedKey ?? file.publicKey)) {
      throw new UntrustedCheckpointError(
        trustedKey && trustedKey !== file.publicKey
          ? 'the trusted checkpoint was not signed by the trusted public key'
          : 'the trusted checkpoint’s signature does not verify',
      );
    }
    if (!trustedKey) {
      trustedKey = file.publicKey;
      trust = 'checkpoint-file';
    }
  }
  if (!trustedKey && stored.length > 0) {
    trustedKey = stored[0].publicKey;
    trust = 'first-checkpoint';
  }
  const checks: CheckpointCheck[] = stored.map((checkpoint) => {
    const signatureOk = checkpoint.publicKey === trustedKey && checkpointSignatureValid(checkpoint, trustedKey ?? undefined);
    return { checkpoint, trusted: signatureOk, signatureOk, reproduced: null, source: 'stored' };
  });
  if (file) checks.push({ checkpoint: file, trusted: true, signatureOk: true, reproduced: null, source: 'file' });
  const bySize = new Map<number, CheckpointCheck[]>();
  for (const check of checks) bySize.set(check.checkpoint.treeSize, [...(bySize.get(check.checkpoint.treeSize) ?? []), check]);
  return { trustedKey, trust, file, checks, bySize };
}

/**
 * After the pass: the first badly signed checkpoint, and the first trusted one the log no longer
 * reproduces or covers, each placed at the largest reproduced trusted checkpoint below it.
 */
export function checkpointFindings(
  checks: CheckpointCheck[],
  trustedKey: string | null,
  finding: Finding | null,
  sequenced: number,
  treeSize: number,
): Finding[] {
  const stopAt = finding ? finding.index : Infinity;

  // Anchors: trusted checkpoints the rebuilt tree reproduced. Everything below one is authentic.
  const anchors = checks.filter((c) => c.trusted && c.reproduced === true).map((c) => c.checkpoint.treeSize);
  const anchorBelow = (size: number) => anchors.filter((a) => a < size).reduce((a, b) => Math.max(a, b), 0);
  const candidates: Finding[] = [];
  const firstBad = checks
    .filter((c) => c.source === 'stored' && !c.signatureOk)
    .sort((a, b) => a.checkpoint.treeSize - b.checkpoint.treeSize)[0];
  if (firstBad) {
    const cp = firstBad.checkpoint;
    const at = anchorBelow(cp.treeSize);
    candidates.push({
      kind: 'BAD_SIGNATURE',
      index: at,
      rank: 1,
      reason:
        cp.publicKey !== trustedKey
          ? `checkpoint ${cp.treeSize} (signed ${cp.signedAt}) is signed by key ${cp.publicKey}, not the trusted ${trustedKey}: nothing after leaf ${at} is attested`
          : `checkpoint ${cp.treeSize} (signed ${cp.signedAt}) has a signature that does not verify: nothing after leaf ${at} is attested`,
    });
  }
  for (const check of checks.filter((c) => c.trusted).sort((a, b) => a.checkpoint.treeSize - b.checkpoint.treeSize)) {
    const cp = check.checkpoint;
    if (cp.treeSize > stopAt) break;
    const from = check.source === 'file' ? 'the trusted checkpoint' : 'checkpoint';
    if (cp.treeSize > sequenced && !finding) {
      candidates.push({
        kind: 'TRUNCATED',
        index: sequenced,
        rank: 2,
        reason: `${from} ${cp.treeSize} (signed ${cp.signedAt}) covers ${cp.treeSize} events but the ledger now holds ${treeSize}: events from leaf ${sequenced} on were removed`,
      });
      break;
    }
    if (check.reproduced === false) {
      const at = anchorBelow(cp.treeSize);
      candidates.push({
        kind: 'TRUNCATED',
        index: at,
        rank: 2,
        reason: `${from} ${cp.treeSize} (signed ${cp.signedAt}) is not reproduced by the log: the history it signed was cut off or rewritten after leaf ${at}`,
      });
      break;
    }
  }
  return candidates;
}

/** Reports on the auditor's checkpoint: reproduced, and extended to the latest by a consistency proof. */
export async function reportTrustedCheckpoint(
  db: Queryable,
  file: Checkpoint,
  checks: CheckpointCheck[],
  result: PassResult,
): Promise<void> {
  const reproduced = checks.find((c) => c.source === 'file')?.reproduced ?? null;
  result.trustedCheckpoint = {
    treeSize: file.treeSize,
    rootHash: file.rootHash,
    signedAt: file.signedAt,
    reproduced,
    extendedTo: null,
    proofLength: null,
  };
  const signedLatest =
    [...checks].reverse().find((c) => c.source === 'stored' && c.signatureOk && c.reproduced === true)?.checkpoint ?? null;
  if (reproduced && signedLatest && signedLatest.treeSize >= file.treeSize) {
    // What an auditor outside does: an RFC 9162 consistency proof from their checkpoint to the latest.
    const proof = await consistencyProofAt(db, file.treeSize, signedLatest.treeSize);
    const consistent = verifyConsistency(
      file.treeSize,
      signedLatest.treeSize,
      hexToHash(file.rootHash),
      hexToHash(signedLatest.rootHash),
      proof.proof.map(hexToHash),
    );
    if (consistent) {
      result.trustedCheckpoint.extendedTo = signedLatest.treeSize;
      result.trustedCheckpoint.proofLength = proof.proof.length;
    } else if (result.ok) {
      // The stored subtrees the proof came from would already have been reported; kept as a last line.
      Object.assign(result, {
        ok: false,
        kind: 'ALTERED',
        leafIndex: file.treeSize,
        reason: `the ledger's consistency proof from the trusted checkpoint ${file.treeSize} to checkpoint ${signedLatest.treeSize} does not verify`,
      });
    }
  }
}
