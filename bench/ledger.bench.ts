/**
 * The ledger: full verification of a million events, inclusion-proof latency at a million leaves,
 * and how far the sequencer lags behind appends under load.
 *
 * The million events are written straight into `events` with SQL (hashes computed here with the
 * event store's own function, chained per stream, 100,000 streams interleaved), then sequenced by
 * the real LedgerSequencer. BENCH_LEDGER_EVENTS changes the million (e.g. 100000 for a quick run);
 * BENCH_LEDGER_BATCH the sequencer's batch in the lag cases (default 20,000, as the relay module runs it).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { EVENT_SCHEMA_VERSIONS, type EventMetadata } from '#domain';
import { EventStore, eventHash, GENESIS_HASH, openDataSource, runMigrations, type NewEvent } from '#event-store';
import {
  CheckpointSigner,
  consistencyProofAt,
  generateSigningKeyText,
  inclusionProofAt,
  latestCheckpoint,
  leafOfPosition,
  LedgerSequencer,
  LedgerVerifier,
  readLedgerState,
  type SequencedBatch,
} from '#ledger';
import { DATABASE_MIGRATIONS } from '#projections';
import { distribution, fmtInt, fmtMs, sleep, type Benchmark, type BenchContext, type Distribution, type ResultRow } from './benchmark.js';

const STREAMS = 100_000;
const INSERT_BATCH = 10_000;
const PROOF_SAMPLES = 2_000;

export interface LedgerBenchData {
  events: number;
  generateSeconds: number;
  sequenceSeconds: number;
  verifySeconds: number;
  eventsPerSecondVerified: number;
  inclusionByPositionMs: Distribution;
  inclusionByLeafMs: Distribution;
  consistencyMs: Distribution;
  lag: LagCase[];
}

interface LagCase {
  writers: number;
  batch: number;
  seconds: number;
  events: number;
  eventsPerSecond: number;
  /** Commit of an append → commit of the ledger batch holding it, ms. */
  lagMs: Distribution;
  /** Committed events not yet in the tree, sampled every 50 ms. */
  backlogMax: number;
  backlogMean: number;
  catchUpMs: number;
}

function meta(i: number): EventMetadata {
  return {
    actor: '197901012005012002',
    agency: i % 10 === 0 ? 'pemkot-medan' : 'pemkot-langsa',
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  };
}

function data(i: number) {
  return {
    sanctionId: randomUUID(),
    nip: `1985071220100${String(100000 + (i % STREAMS)).slice(-5)}`,
    level: (['LIGHT', 'MODERATE', 'SEVERE'] as const)[i % 3],
    reason: `Tidak masuk kerja tanpa keterangan selama ${1 + (i % 20)} hari kerja pada bulan berjalan`,
    from: '2026-01-01',
    until: '2026-06-30',
  };
}

/** n events straight into the table, hashes chained per stream; returns seconds taken. */
export async function generate(dataSource: DataSource, n: number, onProgress: (done: number) => void): Promise<number> {
  const started = performance.now();
  const heads = new Map<string, { version: number; hash: string }>();
  for (let from = 0; from < n; from += INSERT_BATCH) {
    const cols: { s: string[]; v: number[]; d: string[]; m: string[]; h: string[] } = { s: [], v: [], d: [], m: [], h: [] };
    for (let i = from; i < Math.min(n, from + INSERT_BATCH); i++) {
      const streamId = `employee-bench${i % STREAMS}`;
      const head = heads.get(streamId) ?? { version: 0, hash: GENESIS_HASH };
      const d = data(i);
      const m = meta(i);
      const version = head.version + 1;
      const hash = eventHash(head.hash, { streamId, version, type: 'DisciplinarySanctionImposed', schemaVersion: 1, data: d, metadata: m });
      heads.set(streamId, { version, hash });
      cols.s.push(streamId);
      cols.v.push(version);
      cols.d.push(JSON.stringify(d));
      cols.m.push(JSON.stringify(m));
      cols.h.push(hash);
    }
    await dataSource.query(
      `INSERT INTO events (stream_id, version, type, schema_version, data, metadata, hash)
       SELECT s, v, 'DisciplinarySanctionImposed', 1, d::jsonb, m::jsonb, h
       FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[]) AS t(s, v, d, m, h)`,
      [cols.s, cols.v, cols.d, cols.m, cols.h],
    );
    onProgress(Math.min(n, from + INSERT_BATCH));
  }
  return (performance.now() - started) / 1000;
}

async function timed<T>(samples: number[], work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await work();
  samples.push(performance.now() - t0);
  return result;
}

function sampleEvent(i: number): NewEvent {
  return {
    type: 'DisciplinarySanctionImposed',
    schemaVersion: EVENT_SCHEMA_VERSIONS.DisciplinarySanctionImposed,
    data: data(i),
    metadata: meta(i),
  };
}

async function lagCase(ctx: BenchContext, writers: number, batch: number): Promise<LagCase> {
  const database = await ctx.freshDatabase(`ledger_lag_${writers}x${batch}`);
  const dataSource = await openDataSource({
    url: database.url,
    migrations: DATABASE_MIGRATIONS,
    poolSize: writers + 4,
    applicationName: 'jenjang-bench-ledger',
  });
  try {
    await runMigrations(dataSource);
    const store = new EventStore(dataSource);
    const sequencer = new LedgerSequencer(
      dataSource,
      CheckpointSigner.fromText(generateSigningKeyText()),
      {
        batchSize: Number(process.env.BENCH_LEDGER_BATCH ?? 20_000),
        pollMs: 20,
        standbyRetryMs: 1000,
        checkpointEveryEvents: 1000,
        checkpointEverySeconds: 10,
      },
      { log: () => undefined, error: (m, c) => ctx.log(`  ledger: ${m} ${JSON.stringify(c)}`) },
    );
    const committedAt = new Map<number, number>();
    const lags: number[] = [];
    sequencer.onBatch = (b: SequencedBatch) => {
      for (const p of b.globalPositions) {
        const at = committedAt.get(p);
        if (at !== undefined) {
          lags.push(b.committedAt - at);
          committedAt.delete(p);
        }
      }
    };
    sequencer.start();
    let appended = 0;
    const backlog: number[] = [];
    const deadline = performance.now() + ctx.settings.seconds * 1000;
    const sampler = setInterval(() => backlog.push(appended - sequencer.status.treeSize), 50);
    const bar = ctx.progress(
      `ledger lag: ${writers} writers × ${batch} events/tx, ${ctx.settings.seconds} s`,
      ctx.settings.seconds * 10,
      'ticks',
    );
    const started = performance.now();
    const ticker = setInterval(
      () =>
        bar.update(
          Math.round((performance.now() - started) / 100),
          `${fmtInt(appended)} events, tree ${fmtInt(sequencer.status.treeSize)}`,
        ),
      200,
    );
    let serial = 0;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        let stream = 0;
        let version = 0;
        while (performance.now() < deadline) {
          if (version + batch > Math.max(10, batch)) {
            stream += 1;
            version = 0;
          }
          const events = Array.from({ length: batch }, () => sampleEvent((serial += 1)));
          const recorded = await store.append(`employee-lag${w}x${stream}`, version, events);
          const now = Date.now();
          for (const e of recorded) committedAt.set(e.globalPosition, now);
          version += batch;
          appended += batch;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const caughtUpFrom = performance.now();
    while (sequencer.status.treeSize < appended && performance.now() - caughtUpFrom < 60_000) await sleep(5);
    const catchUpMs = performance.now() - caughtUpFrom;
    clearInterval(ticker);
    await sequencer.stop();
    const result: LagCase = {
      writers,
      batch,
      seconds,
      events: appended,
      eventsPerSecond: appended / seconds,
      lagMs: distribution(lags),
      backlogMax: Math.max(0, ...backlog),
      backlogMean: backlog.length ? backlog.reduce((a, b) => a + b, 0) / backlog.length : 0,
      catchUpMs,
    };
    bar.done(
      `${writers}×${batch}: ${fmtInt(result.eventsPerSecond)} events/s appended; lag p50 ${fmtMs(result.lagMs.p50)} / p99 ${fmtMs(result.lagMs.p99)} ms`,
    );
    return result;
  } finally {
    await dataSource.destroy();
  }
}

export const ledgerBenchmark: Benchmark<LedgerBenchData> = {
  id: 'ledger',
  title: 'Ledger (RFC 9162 tree): verification, proofs, sequencer lag',
  async run(ctx: BenchContext) {
    const n = Number(process.env.BENCH_LEDGER_EVENTS ?? 1_000_000);
    if (!Number.isSafeInteger(n) || n < 1000)
      throw new Error(`BENCH_LEDGER_EVENTS must be an integer ≥ 1000, got ${process.env.BENCH_LEDGER_EVENTS}`);
    const database = await ctx.freshDatabase('ledger');
    const dataSource = await openDataSource({
      url: database.url,
      migrations: DATABASE_MIGRATIONS,
      poolSize: 4,
      applicationName: 'jenjang-bench-ledger',
    });
    const rows: ResultRow[] = [];
    try {
      await runMigrations(dataSource);
      const genBar = ctx.progress(`writing ${fmtInt(n)} events with chained hashes (SQL, ${fmtInt(STREAMS)} streams)`, n, 'events');
      const generateSeconds = await generate(dataSource, n, (done) => genBar.update(done));
      genBar.done(`${fmtInt(n)} events in ${generateSeconds.toFixed(1)} s`);
      await dataSource.query(`VACUUM ANALYZE events`);

      const signer = CheckpointSigner.fromText(generateSigningKeyText());
      const sequencer = new LedgerSequencer(
        dataSource,
        signer,
        { batchSize: 10_000, pollMs: 20, standbyRetryMs: 1000, checkpointEveryEvents: 10_000, checkpointEverySeconds: 3600 },
        { log: () => undefined, error: (m, c) => ctx.log(`  ledger: ${m} ${JSON.stringify(c)}`) },
      );
      const seqBar = ctx.progress('sequencing them into the ledger (LedgerSequencer, 10,000 per transaction)', n, 'leaves');
      sequencer.onBatch = (b) => seqBar.update(b.treeSize);
      const t0 = performance.now();
      while ((await readLedgerState(dataSource)).treeSize < n) await sequencer.drain({ checkpoint: true });
      await sequencer.drain({ checkpoint: true });
      await sequencer.stop();
      const sequenceSeconds = (performance.now() - t0) / 1000;
      seqBar.done(`${fmtInt(n)} leaves in ${sequenceSeconds.toFixed(1)} s (${fmtInt(n / sequenceSeconds)}/s)`);
      await dataSource.query(`VACUUM ANALYZE ledger_leaves, ledger_nodes`);

      const verBar = ctx.progress(`full verification of ${fmtInt(n)} events`, n, 'events');
      const verifier = new LedgerVerifier(dataSource);
      const v0 = performance.now();
      const verdict = await verifier.verify({
        trustedPublicKey: signer.publicKey,
        pageSize: 10_000,
        onProgress: (done) => verBar.update(done),
      });
      const verifySeconds = (performance.now() - v0) / 1000;
      if (!verdict.ok) throw new Error(`the generated log does not verify: ${verdict.kind} ${verdict.reason}`);
      verBar.done(
        `${fmtInt(verdict.checkedEvents)} events, ${verdict.checkpointsChecked} checkpoints verified in ${verifySeconds.toFixed(1)} s`,
      );
      rows.push({
        case: `full verification, ${fmtInt(n)} events`,
        figure: `${verifySeconds.toFixed(1)} s`,
        detail: `${fmtInt(n / verifySeconds)} events/s (events hashed in the ${verdict.eventsCheckedBy === 'worker' ? 'worker thread' : 'main thread'}); hashes, stream links, tree, ${verdict.checkpointsChecked} checkpoint signatures and stored subtrees; generated in ${generateSeconds.toFixed(0)} s, sequenced in ${sequenceSeconds.toFixed(0)} s (${fmtInt(n / sequenceSeconds)} leaves/s)`,
        aim: n === 1_000_000 ? '< 20 s' : undefined,
        met: n === 1_000_000 ? verifySeconds < 20 : undefined,
      });

      // Proofs at a million leaves: as the API serves them (by position: leaf lookup, size, proof) and the bare proof query.
      const treeSize = (await latestCheckpoint(dataSource))?.treeSize ?? n;
      const sample = Array.from({ length: PROOF_SAMPLES }, () => Math.floor(Math.random() * treeSize));
      const positions: { position: number; leaf: number }[] = await dataSource
        .query(`SELECT global_position AS position, leaf_index AS leaf FROM ledger_leaves WHERE leaf_index = ANY($1) ORDER BY random()`, [
          sample,
        ])
        .then((r: { position: string; leaf: string }[]) => r.map((x) => ({ position: Number(x.position), leaf: Number(x.leaf) })));
      const byPosition: number[] = [];
      const byLeaf: number[] = [];
      const consistency: number[] = [];
      const proofBar = ctx.progress(`inclusion and consistency proofs at ${fmtInt(treeSize)} leaves`, positions.length, 'proofs');
      for (let i = 0; i < 50; i++) await inclusionProofAt(dataSource, positions[i % positions.length].leaf, treeSize); // warm-up
      for (const [i, p] of positions.entries()) {
        await timed(byPosition, async () => {
          const leaf = await leafOfPosition(dataSource, p.position);
          const { treeSize: current } = await readLedgerState(dataSource);
          return inclusionProofAt(dataSource, (leaf as { leafIndex: number }).leafIndex, Math.min(current, treeSize));
        });
        await timed(byLeaf, () => inclusionProofAt(dataSource, p.leaf, treeSize));
        await timed(consistency, () => consistencyProofAt(dataSource, 1 + ((p.leaf * 7919) % (treeSize - 1)), treeSize));
        if (i % 100 === 0) proofBar.update(i);
      }
      const pos = distribution(byPosition);
      const leaf = distribution(byLeaf);
      const cons = distribution(consistency);
      proofBar.done(`inclusion by position p50 ${fmtMs(pos.p50)} / p99 ${fmtMs(pos.p99)} ms; consistency p99 ${fmtMs(cons.p99)} ms`);
      rows.push({
        case: `inclusion proof at ${fmtInt(treeSize)} leaves`,
        figure: `p50 ${fmtMs(pos.p50)} / p99 ${fmtMs(pos.p99)} ms`,
        detail: `n = ${pos.n}, as the API does it (leaf by position, tree size, one subtree query); the proof query alone p50 ${fmtMs(leaf.p50)} / p99 ${fmtMs(leaf.p99)} ms`,
        aim: 'p99 < 10 ms',
        met: pos.p99 < 10,
      });
      rows.push({
        case: `consistency proof to ${fmtInt(treeSize)} leaves`,
        figure: `p50 ${fmtMs(cons.p50)} / p99 ${fmtMs(cons.p99)} ms`,
        detail: `n = ${cons.n}, from random earlier sizes; one subtree query`,
      });

      const lag: LagCase[] = [];
      for (const [writers, batch] of [
        [8, 1],
        [8, 100],
      ] as const) {
        const c = await lagCase(ctx, writers, batch);
        lag.push(c);
        rows.push({
          case: `sequencer lag, ${writers} writers × ${batch} event${batch === 1 ? '' : 's'}/tx`,
          figure: `p50 ${fmtMs(c.lagMs.p50)} / p99 ${fmtMs(c.lagMs.p99)} ms`,
          detail: `append commit → in the tree; ${fmtInt(c.eventsPerSecond)} events/s appended; backlog max ${fmtInt(c.backlogMax)} events (mean ${fmtInt(c.backlogMean)}); caught up ${fmtMs(c.catchUpMs)} ms after the writers stopped; poll 20 ms`,
        });
      }
      return {
        rows,
        notes: [
          `Ledger: ${fmtInt(n)} DisciplinarySanctionImposed events (~${Buffer.byteLength(JSON.stringify({ ...sampleEvent(1).data, ...sampleEvent(1).metadata }))} bytes of JSON each) over ${fmtInt(STREAMS)} interleaved streams, ` +
            `written with SQL in ${fmtInt(INSERT_BATCH)}-event transactions, then sequenced by the LedgerSequencer (checkpoint every 10,000). Verification: one REPEATABLE READ snapshot, ` +
            `cursor pages of 10,000, the next page fetched while one is hashed. Proofs: ${fmtInt(PROOF_SAMPLES)} random leaves, sequential, on the same database. ` +
            `Lag: the running sequencer (poll 20 ms, up to 20,000 per batch, as the relay module runs it) while writers append through EventStore.append for ${ctx.settings.seconds} s.`,
        ],
        data: {
          events: n,
          generateSeconds,
          sequenceSeconds,
          verifySeconds,
          eventsPerSecondVerified: n / verifySeconds,
          inclusionByPositionMs: pos,
          inclusionByLeafMs: leaf,
          consistencyMs: cons,
          lag,
        },
      };
    } finally {
      await dataSource.destroy();
    }
  },
};
