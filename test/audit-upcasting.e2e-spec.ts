import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { fold, trainingDecider, type TrainingEvent } from '../libs/domain/src/index.js';
import { DATA_SOURCE, EventStore, eventHash, GENESIS_HASH } from '../libs/event-store/src/index.js';
import { LedgerSequencer, LedgerVerifier } from '../libs/ledger/src/index.js';
import { metadata, sequenceEverything } from '../libs/ledger/src/testing/ledger-fixtures.js';
import { careerProjection, ProjectionRebuilder } from '../libs/projections/src/index.js';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import { bearer, LANGSA, nip, proposalBody, registerEmployee } from './http-support.js';

const SERIES = 44;
const HR = nip(SERIES, 1);
const EVALUATOR = nip(SERIES, 2);
const AUDITOR = nip(SERIES, 3);
const CANDIDATE = nip(SERIES, 10);

/** TrainingCompleted as it was written before schema v2: no deliveryMode. */
function v1Training(trainingId: string, hours: number, completedOn: string) {
  return {
    trainingId,
    nip: CANDIDATE,
    unitId: 'dinas-kesehatan',
    title: `Diklat lama ${trainingId}`,
    hours,
    kind: 'MANAGERIAL',
    provider: 'BKPP Kota Langsa',
    completedOn,
    certificateNo: `LAMA-${trainingId}`,
  };
}

/**
 * Schema evolution: TrainingCompleted v1 rows, stored and hashed as they were written years ago,
 * replay under today's code (v2, deliveryMode) through the decider, the merit rules, the live
 * projection and a rebuilt one, while audit and verification see them exactly as stored.
 */
describe('v1 events replay under v2 code', () => {
  let t: TestApp;
  let db: DataSource;
  let store: EventStore;
  const tokens: Record<string, string> = {};
  const legacy = ['legacy-2016', 'legacy-2025'];

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DATA_SOURCE);
    store = new EventStore(db);
    tokens.hr = await t.token(HR, ['hr']);
    tokens.evaluator = await t.token(EVALUATOR, ['evaluator']);
    tokens.auditor = await t.token(AUDITOR, ['auditor']);
    await registerEmployee(t.http, tokens.hr, CANDIDATE, { gradeSince: '2020-01-01', positionType: 'PELAKSANA' });
    for (const period of [2024, 2025]) {
      const res = await t.http
        .post('/api/appraisals')
        .set(bearer(tokens.evaluator))
        .send({ nip: CANDIDATE, period, results: 'ABOVE', behaviour: 'AS_EXPECTED' });
      expect(res.status).toBe(201);
    }
    // The legacy rows: schema_version 1 and the v1 payload, hashed as stored (the v1 code's hash).
    await store.append(`training-${legacy[0]}`, 0, [
      {
        type: 'TrainingCompleted',
        schemaVersion: 1,
        data: v1Training(legacy[0], 40, '2016-05-20'),
        metadata: metadata(LANGSA, '2016-05-21T02:00:00.000Z'),
      },
    ]);
    await store.append(`training-${legacy[1]}`, 0, [
      {
        type: 'TrainingCompleted',
        schemaVersion: 1,
        data: v1Training(legacy[1], 24, '2025-11-10'),
        metadata: metadata(LANGSA, '2025-11-11T02:00:00.000Z'),
      },
    ]);
    await t.settle();
  });
  afterAll(async () => t.close());

  test('stored as v1: no deliveryMode, schema_version 1, the hash over exactly that', async () => {
    const rows: { schema_version: number; data: Record<string, unknown>; metadata: never; hash: string }[] = await db.query(
      `SELECT schema_version, data, metadata, hash FROM events WHERE stream_id = $1`,
      [`training-${legacy[0]}`],
    );
    expect(rows[0].schema_version).toBe(1);
    expect(rows[0].data).not.toHaveProperty('deliveryMode');
    expect(rows[0].hash).toBe(
      eventHash(GENESIS_HASH, {
        streamId: `training-${legacy[0]}`,
        version: 1,
        type: 'TrainingCompleted',
        schemaVersion: 1,
        data: rows[0].data,
        metadata: rows[0].metadata,
      }),
    );
  });

  test('the decider folds them as v2: deliveryMode UNKNOWN', async () => {
    const events = await store.readStream(`training-${legacy[0]}`);
    expect(events[0]).toMatchObject({ schemaVersion: 2, data: { ...v1Training(legacy[0], 40, '2016-05-20'), deliveryMode: 'UNKNOWN' } });
    const state = fold(
      trainingDecider,
      events.map((e) => ({ type: e.type, data: e.data }) as TrainingEvent),
    );
    expect(state).toMatchObject({ exists: true, deliveryMode: 'UNKNOWN', hours: 40 });
    // Raw reads (audit) still get the stored shape.
    expect((await store.readStream(`training-${legacy[0]}`, { raw: true }))[0]).toMatchObject({
      schemaVersion: 1,
      data: v1Training(legacy[0], 40, '2016-05-20'),
    });
  });

  test('the merit rules count a v1 training: 24 JP in the last year make the candidate eligible', async () => {
    const res = await t.http.post('/api/promotions').set(bearer(tokens.hr)).send(proposalBody(CANDIDATE));
    expect(res.status).toBe(201);
    expect(res.body.rules).toContainEqual(expect.objectContaining({ rule: 'TRAINING_HOURS', passed: true }));
  });

  test('the live projection and a projection rebuilt from the store show them', async () => {
    const trainingsOf = async () => {
      const res = await t.http.get(`/api/employees/${CANDIDATE}/career`).set(bearer(tokens.hr));
      expect(res.status).toBe(200);
      return (res.body.trainings as { trainingId: string; hours: number }[]).map((x) => [x.trainingId, x.hours]);
    };
    await t.settle();
    expect(await trainingsOf()).toEqual([
      [legacy[0], 40],
      [legacy[1], 24],
    ]);
    const rebuilt = await new ProjectionRebuilder(db).rebuild(careerProjection);
    expect(rebuilt.events).toBeGreaterThanOrEqual(5);
    expect(await trainingsOf()).toEqual([
      [legacy[0], 40],
      [legacy[1], 24],
    ]);
  });

  test('new trainings are written as v2 beside them; audit shows both as stored and the log verifies', async () => {
    const written = await t.http.post('/api/trainings').set(bearer(tokens.hr)).send({
      nip: CANDIDATE,
      title: 'Diklat Kepemimpinan',
      hours: 30,
      kind: 'MANAGERIAL',
      provider: 'LAN RI',
      completedOn: '2026-02-01',
      certificateNo: 'LAN-2026-1',
      deliveryMode: 'BLENDED',
    });
    expect(written.status).toBe(201);
    const history = async (id: string) =>
      (await t.http.get(`/api/audit/streams/training-${id}`).set(bearer(tokens.auditor))).body.events[0];
    expect(await history(legacy[0])).toMatchObject({ schemaVersion: 1, data: v1Training(legacy[0], 40, '2016-05-20') });
    expect((await history(legacy[0])).data).not.toHaveProperty('deliveryMode');
    expect(await history(written.body.trainingId)).toMatchObject({ schemaVersion: 2, data: { deliveryMode: 'BLENDED' } });

    await sequenceEverything(t.app.get(LedgerSequencer), db, { checkpoint: true });
    expect(await new LedgerVerifier(db).verify()).toMatchObject({ ok: true });
    expect((await t.http.get('/api/audit/verify').set(bearer(tokens.auditor))).body).toMatchObject({ ok: true });
  });
});
