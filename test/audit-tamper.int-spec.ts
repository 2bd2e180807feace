import { afterAll, afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { EventStore, eventHash } from '../libs/event-store/src/index.js';
import { CheckpointSigner, generateSigningKeyText, LedgerVerifier, latestCheckpoint, type Checkpoint } from '../libs/ledger/src/index.js';
import { compileVerifyWorker } from '../libs/ledger/src/testing/compile-worker.js';
import {
  appendMixedHistory,
  metadata,
  RogueDba,
  sequenceEverything,
  testSequencer,
  type StoredEventRow,
} from '../libs/ledger/src/testing/ledger-fixtures.js';
import { DATABASE_MIGRATIONS } from '../libs/projections/src/database-migrations.js';
import { createMigratedDatabase } from '../libs/testing/src/postgres-harness.js';

type Db = Awaited<ReturnType<typeof createMigratedDatabase>>;

/**
 * A rogue DBA edits the real tables with SQL as a superuser (triggers off). Each edit must be
 * found at the right position with the right kind, by the same verifier GET /api/audit/verify runs.
 */
const worker = compileVerifyWorker();
afterAll(() => worker.dispose());

describe.each([
  ['in this thread', null],
  ['in a worker thread', worker.url],
])('tampering with the log, as a superuser would (events checked %s)', (_mode, workerUrl) => {
  let db: Db;
  let dba: RogueDba;
  let signer: CheckpointSigner;
  let verifier: LedgerVerifier;
  let log: StoredEventRow[];
  let saved: Checkpoint;

  const verify = (options: Parameters<LedgerVerifier['verify']>[0] = {}) =>
    verifier.verify({ trustedPublicKey: signer.publicKey, pageSize: 16, workerUrl, ...options });
  const pos = (row: StoredEventRow) => Number(row.global_position);

  beforeEach(async () => {
    db = await createMigratedDatabase(DATABASE_MIGRATIONS);
    const store = new EventStore(db.dataSource);
    await appendMixedHistory(store, 40);
    const ledger = testSequencer(db.dataSource);
    signer = ledger.signer;
    await sequenceEverything(ledger.sequencer, db.dataSource, { checkpoint: true });
    await ledger.sequencer.stop();
    verifier = new LedgerVerifier(db.dataSource);
    dba = await RogueDba.connect(db.url);
    log = await dba.events();
    saved = (await latestCheckpoint(db.dataSource)) as Checkpoint;
    expect(saved.treeSize).toBe(log.length);
  });

  afterEach(async () => {
    await dba.close();
    await db.close();
  });

  test('the untouched log verifies, every checkpoint included', async () => {
    const result = await verify();
    expect(result).toMatchObject({
      ok: true,
      checkedEvents: log.length,
      treeSize: log.length,
      pendingEvents: 0,
      trust: 'configured',
      eventsCheckedBy: workerUrl ? 'worker' : 'main',
    });
    expect(result.checkpointsChecked).toBeGreaterThanOrEqual(Math.floor(log.length / 10));
    expect(result.kind).toBeUndefined();
  });

  test('one byte of one event’s data changed: ALTERED at that event', async () => {
    const victim = log[37];
    const reason = victim.data.reason as string;
    await dba.sql(`UPDATE events SET data = jsonb_set(data, '{reason}', to_jsonb($2::text)) WHERE global_position = $1`, [
      victim.global_position,
      `${reason.slice(0, -1)}${reason.endsWith('i') ? 'j' : 'i'}`,
    ]);
    expect(await verify()).toMatchObject({
      ok: false,
      kind: 'ALTERED',
      firstInvalidPosition: pos(victim),
      leafIndex: 37,
      checkedEvents: 37,
    });
  });

  test('data changed and the stream’s hashes recomputed: still ALTERED there (the ledger kept the old hash)', async () => {
    const victim = log[20];
    await dba.sql(`UPDATE events SET data = jsonb_set(data, '{level}', '"SEVERE"') WHERE global_position = $1`, [victim.global_position]);
    await dba.rechain(victim.stream_id, victim.version);
    expect(await verify()).toMatchObject({ ok: false, kind: 'ALTERED', firstInvalidPosition: pos(victim) });
  });

  test('metadata changed (another actor): ALTERED', async () => {
    const victim = log[5];
    await dba.sql(`UPDATE events SET metadata = jsonb_set(metadata, '{actor}', '"196001012000011001"') WHERE global_position = $1`, [
      victim.global_position,
    ]);
    expect(await verify()).toMatchObject({ ok: false, kind: 'ALTERED', firstInvalidPosition: pos(victim) });
  });

  test('an event deleted: MISSING at its position', async () => {
    const victim = log[12];
    await dba.sql(`DELETE FROM events WHERE global_position = $1`, [victim.global_position]);
    expect(await verify()).toMatchObject({ ok: false, kind: 'MISSING', firstInvalidPosition: pos(victim), leafIndex: 12 });
  });

  test('two events swapped in commit order (their transaction ids exchanged): REORDERED at the earlier', async () => {
    const [a, b] = [log[10], log.find((r, i) => i > 10 && r.transaction_id !== log[10].transaction_id) as StoredEventRow];
    await dba.sql(
      `UPDATE events SET transaction_id = CASE WHEN global_position = $1 THEN $4::xid8 ELSE $3::xid8 END WHERE global_position IN ($1, $2)`,
      [a.global_position, b.global_position, a.transaction_id, b.transaction_id],
    );
    expect(await verify()).toMatchObject({ ok: false, kind: 'REORDERED', firstInvalidPosition: pos(a), leafIndex: 10 });
  });

  test('two events swapped in place (their whole content exchanged): REORDERED at the earlier', async () => {
    const [a, b] = [log[8], log[30]];
    const columns = ['stream_id', 'version', 'type', 'schema_version', 'data', 'metadata', 'hash', 'recorded_at'];
    await dba.sql(`BEGIN`);
    await dba.sql(`CREATE TEMP TABLE swap AS SELECT * FROM events WHERE global_position IN ($1, $2)`, [
      a.global_position,
      b.global_position,
    ]);
    await dba.sql(`UPDATE events SET stream_id = stream_id || '#' WHERE global_position IN ($1, $2)`, [
      a.global_position,
      b.global_position,
    ]);
    await dba.sql(
      `UPDATE events e SET ${columns.map((c) => `${c} = s.${c}`).join(', ')}
       FROM swap s WHERE s.global_position = CASE WHEN e.global_position = $1 THEN $2 ELSE $1 END::bigint AND e.global_position IN ($1, $2)`,
      [a.global_position, b.global_position],
    );
    await dba.sql(`COMMIT`);
    expect(await verify()).toMatchObject({ ok: false, kind: 'REORDERED', firstInvalidPosition: pos(a), leafIndex: 8 });
  });

  test('a forged event slipped into the past with a correct stream hash: INSERTED at its position', async () => {
    const stream = log[15].stream_id;
    const head = [...log].filter((r) => r.stream_id === stream).sort((x, y) => y.version - x.version)[0];
    const data = {
      sanctionId: 'forged',
      nip: '198507122010011001',
      level: 'SEVERE',
      reason: 'Dipalsukan',
      from: '2026-01-01',
      until: '2027-01-01',
    };
    const meta = metadata();
    const hash = eventHash(head.hash, {
      streamId: stream,
      version: head.version + 1,
      type: 'DisciplinarySanctionImposed',
      schemaVersion: 1,
      data,
      metadata: meta,
    });
    // The transaction id of an early event puts it in the middle of the commit order.
    const [forged] = await dba.sql<{ global_position: string }>(
      `INSERT INTO events (transaction_id, stream_id, version, type, schema_version, data, metadata, hash)
       VALUES ($1::xid8, $2, $3, 'DisciplinarySanctionImposed', 1, $4::jsonb, $5::jsonb, $6) RETURNING global_position`,
      [log[3].transaction_id, stream, head.version + 1, JSON.stringify(data), JSON.stringify(meta), hash],
    );
    const result = await verify();
    expect(result).toMatchObject({ ok: false, kind: 'INSERTED', firstInvalidPosition: Number(forged.global_position) });
    expect(result.leafIndex).toBeLessThanOrEqual(log.findIndex((r) => r.transaction_id !== log[3].transaction_id && log.indexOf(r) > 3));
  });

  test('a forged event inside a stream, later versions renumbered and rehashed: INSERTED', async () => {
    const stream = log[0].stream_id;
    const rows = log.filter((r) => r.stream_id === stream);
    const at = rows[1];
    await dba.sql(`UPDATE events SET version = version + 1000 WHERE stream_id = $1 AND version >= $2`, [stream, at.version]);
    await dba.sql(`UPDATE events SET version = version - 999 WHERE stream_id = $1 AND version >= $2`, [stream, at.version + 1000]);
    const data = {
      sanctionId: 'forged',
      nip: '198507122010011001',
      level: 'SEVERE',
      reason: 'Dipalsukan',
      from: '2026-01-01',
      until: '2027-01-01',
    };
    const [forged] = await dba.sql<{ global_position: string }>(
      `INSERT INTO events (transaction_id, stream_id, version, type, schema_version, data, metadata, hash)
       VALUES ($1::xid8, $2, $3, 'DisciplinarySanctionImposed', 1, $4::jsonb, $5::jsonb, 'x') RETURNING global_position`,
      [rows[0].transaction_id, stream, at.version, JSON.stringify(data), JSON.stringify(metadata())],
    );
    await dba.rechain(stream, at.version);
    expect(await verify()).toMatchObject({ ok: false, kind: 'INSERTED', firstInvalidPosition: Number(forged.global_position) });
  });

  test('the tail deleted: TRUNCATED at the first event removed', async () => {
    const cut = log.length - 6;
    await dba.sql(`DELETE FROM events WHERE global_position = ANY($1)`, [log.slice(cut).map((r) => r.global_position)]);
    expect(await verify()).toMatchObject({
      ok: false,
      kind: 'TRUNCATED',
      firstInvalidPosition: pos(log[cut]),
      leafIndex: cut,
      checkedEvents: cut,
    });
  });

  test('the tail deleted with its leaves, subtrees and state: TRUNCATED against the stored checkpoint', async () => {
    const cut = 33;
    await dba.sql(`DELETE FROM events WHERE global_position = ANY($1)`, [log.slice(cut).map((r) => r.global_position)]);
    await dba.sql(`DELETE FROM ledger_leaves WHERE leaf_index >= $1`, [cut]);
    await dba.sql(`DELETE FROM ledger_nodes WHERE (index + 1) * (1::bigint << level) > $1`, [cut]);
    await dba.sql(`UPDATE ledger_state SET tree_size = $1`, [cut]);
    expect(await verify()).toMatchObject({ ok: false, kind: 'TRUNCATED', leafIndex: cut, checkedEvents: cut });
  });

  test('the tail and every trace of it in the ledger deleted: only a checkpoint the auditor kept tells, TRUNCATED', async () => {
    const cut = 33;
    await dba.sql(`DELETE FROM events WHERE global_position = ANY($1)`, [log.slice(cut).map((r) => r.global_position)]);
    await dba.wipeLedger();
    const rebuilt = testSequencer(db.dataSource, signer);
    await sequenceEverything(rebuilt.sequencer, db.dataSource, { checkpoint: true });
    await rebuilt.sequencer.stop();
    expect(await verify()).toMatchObject({ ok: true });
    expect(await verify({ trustedCheckpoint: saved })).toMatchObject({ ok: false, kind: 'TRUNCATED', leafIndex: cut });
  });

  test('everything rewritten and re-signed with another key: BAD_SIGNATURE against the trusted key and against a kept checkpoint', async () => {
    const victim = log[2];
    await dba.sql(`UPDATE events SET data = jsonb_set(data, '{level}', '"SEVERE"') WHERE global_position = $1`, [victim.global_position]);
    await dba.rechain(victim.stream_id, victim.version);
    await dba.wipeLedger();
    const impostor = testSequencer(db.dataSource, CheckpointSigner.fromText(generateSigningKeyText()));
    await sequenceEverything(impostor.sequencer, db.dataSource, { checkpoint: true });
    await impostor.sequencer.stop();
    // Self-consistent: only trust anchored outside the database catches it.
    expect(await verifier.verify({ trustedPublicKey: null, workerUrl })).toMatchObject({ ok: true, trust: 'first-checkpoint' });
    expect(await verify()).toMatchObject({ ok: false, kind: 'BAD_SIGNATURE', firstInvalidPosition: pos(log[0]), leafIndex: 0 });
    const withFile = await verifier.verify({ trustedCheckpoint: saved, workerUrl });
    expect(withFile).toMatchObject({ ok: false, kind: 'BAD_SIGNATURE', trust: 'checkpoint-file', firstInvalidPosition: pos(log[0]) });
  });

  test('a checkpoint’s root edited: BAD_SIGNATURE from the last checkpoint still standing', async () => {
    const [second] = await dba.sql<{ tree_size: string }>(`SELECT tree_size FROM ledger_checkpoints ORDER BY tree_size OFFSET 1 LIMIT 1`);
    expect(second.tree_size).toBe('20');
    await dba.sql(`UPDATE ledger_checkpoints SET root_hash = sha256(root_hash) WHERE tree_size = $1`, [second.tree_size]);
    expect(await verify()).toMatchObject({ ok: false, kind: 'BAD_SIGNATURE', leafIndex: 10, firstInvalidPosition: pos(log[10]) });
  });

  test('a stored subtree edited (proofs would lie): ALTERED at its first leaf', async () => {
    await dba.sql(`UPDATE ledger_nodes SET hash = sha256(hash) WHERE level = 2 AND index = 3`);
    expect(await verify()).toMatchObject({ ok: false, kind: 'ALTERED', leafIndex: 12, firstInvalidPosition: pos(log[12]) });
  });

  test('the application cannot UPDATE, DELETE or TRUNCATE events or the ledger, whatever its role', async () => {
    const role = `jenjang_app_${process.pid}_${Date.now()}`;
    await dba.sql(`CREATE ROLE ${role} LOGIN`);
    await dba.sql(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}`);
    const asApp = new URL(db.url);
    asApp.username = role;
    asApp.password = '';
    const app = new pg.Client({ connectionString: asApp.toString() });
    await app.connect();
    try {
      // Even granted every privilege, a plain role hits the triggers.
      await expect(app.query(`UPDATE events SET data = '{}'`)).rejects.toMatchObject({ code: '42501' });
      await expect(app.query(`DELETE FROM events`)).rejects.toMatchObject({ code: '42501' });
      await expect(app.query(`DELETE FROM ledger_leaves`)).rejects.toMatchObject({ code: '42501' });
      // And it cannot switch the triggers off: that takes a superuser (or the owner).
      await expect(app.query(`SET session_replication_role = replica`)).rejects.toMatchObject({ code: '42501' });
      await expect(app.query(`ALTER TABLE events DISABLE TRIGGER events_no_update_delete`)).rejects.toMatchObject({ code: '42501' });
    } finally {
      await app.end();
      await dba.sql(`DROP OWNED BY ${role}`);
      await dba.sql(`DROP ROLE ${role}`);
    }
    const q = (sql: string) => db.dataSource.query(sql);
    for (const sql of [
      `UPDATE events SET data = '{}' WHERE global_position = ${log[0].global_position}`,
      `DELETE FROM events WHERE global_position = ${log[0].global_position}`,
      `TRUNCATE events CASCADE`,
      `UPDATE ledger_leaves SET leaf_hash = leaf_hash`,
      `DELETE FROM ledger_nodes`,
      `DELETE FROM ledger_checkpoints`,
      `TRUNCATE ledger_leaves`,
    ]) {
      await expect(q(sql)).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '42501' }) });
    }
    expect(await verify()).toMatchObject({ ok: true });
  });
});
