/**
 * Full verification of the event log against itself, the ledger and the signed checkpoints.
 *
 * One REPEATABLE READ snapshot, exported to every connection that reads: the events stream in
 * commit order through a server-side cursor (read and hashed by a worker thread when the compiled
 * worker is there), the ledger's leaves in leaf order through another, side by side, the next page
 * always on its way. For the i-th event in commit order:
 *   - the ledger must hold it as leaf i, with the same event hash, and leaf hash = H(0x00 ‖ hash);
 *   - its stream must continue at the next version and its stored hash must be
 *     SHA-256(previous stored hash of the stream ‖ canonical JSON of what it holds now);
 *   - the tree rebuilt from these hashes must reproduce every checkpoint's root at its size.
 * Checkpoint signatures are checked against the trusted public key, and the stored subtrees the
 * proofs are served from against the rebuilt tree. The first failure in commit order is reported.
 */
import { EVENT_SQL } from '#event-store';
import type pg from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { allCheckpoints } from './ledger-store.js';
import { MerkleFrontier } from './merkle.js';
import { checkpointFindings, checkpointTrust, reportTrustedCheckpoint } from './verify-checkpoints.js';
import { classifyHashMismatch, classifyMisplaced, leafPosition } from './verify-findings.js';
import {
  CursorPages,
  defaultWorkerUrl,
  LEAVES_IN_ORDER,
  localEventPages,
  workerEventPages,
  type EventPages,
  type LeafRow,
} from './verify-pages.js';
import type { Finding, PassResult, VerificationResult, VerifyOptions } from './verify-result.js';
import { firstDamagedSubtree, LeafHasher, RebuiltSubtrees } from './verify-tree.js';

export { defaultWorkerUrl } from './verify-pages.js';
export { TAMPER_KINDS, UntrustedCheckpointError, type TamperKind, type VerificationResult, type VerifyOptions } from './verify-result.js';

async function rawClient(runner: QueryRunner): Promise<pg.ClientBase> {
  return (await runner.connect()) as pg.ClientBase;
}

export class LedgerVerifier {
  constructor(private readonly dataSource: DataSource) {}

  async verify(options: VerifyOptions = {}): Promise<VerificationResult> {
    const started = Date.now();
    // Two connections, one snapshot: events on one, the ledger's leaves on the other, read side by side.
    const runner = this.dataSource.createQueryRunner();
    const leavesRunner = this.dataSource.createQueryRunner();
    try {
      await rawClient(runner);
      const leavesClient = await rawClient(leavesRunner);
      await runner.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`);
      await leavesRunner.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`);
      try {
        const [{ snapshot }]: { snapshot: string }[] = await runner.query(`SELECT pg_export_snapshot() AS snapshot`);
        await leavesRunner.query(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, '')}'`);
        for (const r of [runner, leavesRunner]) await r.query(`SET LOCAL jit = off`);
        const url = (this.dataSource.options as { url?: string }).url;
        const workerUrl = options.workerUrl === undefined ? defaultWorkerUrl() : options.workerUrl;
        const inWorker = Boolean(workerUrl && url);
        const events =
          workerUrl && url
            ? workerEventPages(workerUrl, {
                connectionString: url,
                snapshot,
                pageSize: options.pageSize ?? 5000,
                query: EVENT_SQL.allInCommitOrderAsText,
              })
            : localEventPages(await rawClient(runner), options.pageSize ?? 5000);
        let result: PassResult;
        try {
          result = await this.verifyInSnapshot(runner, leavesClient, events, options);
        } finally {
          await events.close();
        }
        return { ...result, eventsCheckedBy: inWorker ? 'worker' : 'main', durationMs: Date.now() - started };
      } finally {
        await leavesRunner.query(`ROLLBACK`).catch(() => undefined);
        await runner.query(`ROLLBACK`).catch(() => undefined);
      }
    } finally {
      await leavesRunner.release();
      await runner.release();
    }
  }

  private async verifyInSnapshot(
    db: QueryRunner,
    leavesClient: pg.ClientBase,
    events: EventPages,
    options: VerifyOptions,
  ): Promise<PassResult> {
    const pageSize = options.pageSize ?? 5000;
    const [{ tree_size: treeSizeText, events: eventsText }]: { tree_size: string; events: string }[] = await db.query(
      `SELECT (SELECT coalesce(max(leaf_index) + 1, 0) FROM ledger_leaves) AS tree_size, ${EVENT_SQL.count} AS events`,
    );
    const treeSize = Number(treeSizeText);
    const totalEvents = Number(eventsText);
    const stored = await allCheckpoints(db);

    const { trustedKey, trust, file, checks, bySize } = checkpointTrust(stored, options);

    // The pass: the events side (stream links, content hashes) comes checked page by page; here,
    // each event against the ledger's leaf at its commit index, and the tree rebuilt.
    const frontier = MerkleFrontier.empty();
    const rebuilt = new RebuiltSubtrees(treeSize);
    const leafHasher = new LeafHasher();
    let finding: Finding | null = null;
    let index = 0;
    let checked = 0;
    await leavesClient.query(`DECLARE verify_leaves NO SCROLL CURSOR FOR ${LEAVES_IN_ORDER}`);
    const leaves = new CursorPages<LeafRow>(leavesClient, 'verify_leaves', pageSize);
    for (let page = await events.next(); page; page = await events.next()) {
      const { positions, hashes } = page;
      for (let k = 0; k < page.count; k++) {
        const position = positions[k];
        if (index < treeSize) {
          const recorded = leaves.at < leaves.rows.length || (await leaves.ready()) ? leaves.rows[leaves.at] : null;
          if (!recorded || +recorded[0] !== index || +recorded[1] !== position) {
            finding = await classifyMisplaced(db, index, { position, hash: hashes.slice(k * 64, k * 64 + 64) });
            break;
          }
          if (!hashes.startsWith(recorded[2], k * 64)) {
            finding = await classifyHashMismatch(db, index, { position, hash: hashes.slice(k * 64, k * 64 + 64) }, recorded[2]);
            break;
          }
          const leaf = leafHasher.hash(recorded[2]);
          if (leaf.toString('hex') !== recorded[3]) {
            finding = {
              kind: 'ALTERED',
              index,
              position,
              rank: 0,
              reason: `the ledger's leaf ${index} (position ${position}) is not the hash of the event it records`,
            };
            break;
          }
          leaves.at += 1;
          if (page.anomaly?.offset === k) break;
          frontier.append(leaf, rebuilt.record);
          const due = bySize.get(frontier.size);
          if (due) {
            const root = frontier.root().toString('hex');
            for (const check of due) check.reproduced = check.checkpoint.rootHash === root;
          }
        }
        if (page.anomaly?.offset === k) break;
        index += 1;
        checked += 1;
      }
      if (!finding && page.anomaly) {
        const { kind, position, reason } = page.anomaly;
        finding = { kind, index, position, rank: 0, reason };
      }
      options.onProgress?.(checked, Math.max(totalEvents, checked));
      if (finding) break;
    }
    await leaves.settle();

    const sequenced = Math.min(index, treeSize);
    if (!finding && index < treeSize) {
      // The log ended while the ledger still had leaves: the tail of the log is gone.
      const position = await leafPosition(db, index);
      finding = {
        kind: 'TRUNCATED',
        index,
        position,
        rank: 0,
        reason: `the log ends after ${index} events but the ledger holds ${treeSize}: the events from leaf ${index} on were removed`,
      };
    }
    const candidates: Finding[] = finding ? [finding] : [];
    candidates.push(...checkpointFindings(checks, trustedKey, finding, sequenced, treeSize));
    if (!finding) {
      const damaged = await firstDamagedSubtree(db, rebuilt, sequenced);
      if (damaged) candidates.push(damaged);
    }
    candidates.sort((a, b) => a.index - b.index || a.rank - b.rank);
    const first = candidates[0] ?? null;
    if (first && first.position === undefined && first.index < treeSize) first.position = await leafPosition(db, first.index);

    const latest = stored.length > 0 ? stored[stored.length - 1] : null;
    const result: PassResult = {
      ok: first === null,
      checkedEvents: checked,
      treeSize,
      pendingEvents: first ? 0 : Math.max(0, checked - treeSize),
      checkpointsChecked: checks.length,
      latestCheckpoint: latest ? { treeSize: latest.treeSize, rootHash: latest.rootHash, signedAt: latest.signedAt } : null,
      trustedPublicKey: trustedKey,
      trust,
    };
    if (first) {
      if (first.position !== undefined) result.firstInvalidPosition = first.position;
      result.kind = first.kind;
      result.reason = first.reason;
      result.leafIndex = first.index;
    }
    if (file) await reportTrustedCheckpoint(db, file, checks, result);
    return result;
  }
}
