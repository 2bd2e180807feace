import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import {
  CommandLoad,
  ensureBuilt,
  JenjangCluster,
  registerEmployees,
  startPrivatePostgres,
  type CommandOutcome,
  type NodeProcess,
  type PrivatePostgres,
} from '#testing';

const HR = '197901012005012002';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * A real `npm start` process (api + relay + projector) on a PostgreSQL of the test's own, which is
 * shut down immediately (as by `pg_ctl stop -m immediate`) while commands keep coming, then started again.
 */
describe('PostgreSQL stopped under load and started again', () => {
  let db: PrivatePostgres;
  let cluster: JenjangCluster;
  let app: NodeProcess;

  beforeAll(async () => {
    await ensureBuilt();
    db = await startPrivatePostgres();
    cluster = new JenjangCluster({ databaseUrl: db.url });
    app = await cluster.start('standalone');
  }, 150_000);
  afterAll(async () => {
    await cluster?.stop();
    await db?.destroy();
  });

  test('commands get 503 UNAVAILABLE meanwhile, never a 500; the process recovers alone and loses nothing it accepted', async () => {
    const token = await cluster.token(HR, ['hr']);
    const nips = await registerEmployees(app.url, token, 4);
    const load = new CommandLoad({ targets: [app.url], token, nips, concurrency: 6, tag: 'pgfault' });
    load.start();
    await sleep(1_500);
    const stoppedAt = performance.now();
    await db.stopImmediate();
    await sleep(3_000);
    await db.start();
    const startedAt = performance.now();
    const deadline = Date.now() + 30_000;
    const recovered = () => load.outcomes.find((o) => o.sentAt >= startedAt && o.status === 201);
    while (!recovered() && Date.now() < deadline) await sleep(50);
    await sleep(1_000); // some load after recovery too
    await load.stop();

    const during = load.outcomes.filter((o) => o.sentAt >= stoppedAt && o.sentAt < startedAt);
    const first = recovered();
    const byStatus = (list: CommandOutcome[]) =>
      list.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o.status]: (acc[o.status] ?? 0) + 1 }), {});
    console.log(
      `PostgreSQL restart: ${load.outcomes.length} commands (${JSON.stringify(byStatus(load.outcomes))}); ` +
        `during the outage ${JSON.stringify(byStatus(during))}; ` +
        `first 201 ${first ? Math.round(first.answeredAt - startedAt) : 'never'} ms after PostgreSQL was back ` +
        `(${first ? Math.round(first.answeredAt - stoppedAt) : '-'} ms after it stopped)`,
    );

    // Every answer is a 201 or a 503 UNAVAILABLE, and every request got an answer (none hung, the process never went away).
    const unexpected = load.outcomes.filter((o) => o.status !== 201 && !(o.status === 503 && o.code === 'UNAVAILABLE'));
    expect(unexpected.map((o) => `${o.status} ${o.code ?? ''} ${o.error ?? ''}`.trim())).toEqual([]);
    expect(during.filter((o) => o.status === 503).length).toBeGreaterThan(0);
    expect(first).toBeDefined();
    expect(app.running()).toBe(true);

    // Nothing accepted is lost: each 201's training is in the store and, once the projector caught up, in the read model.
    const accepted = load.accepted().map((o) => o.trainingId as string);
    expect(new Set(accepted).size).toBe(accepted.length);
    const stored = await query<{ id: string }>(db.url, `SELECT data->>'trainingId' AS id FROM events WHERE type = 'TrainingCompleted'`);
    const storedIds = new Set(stored.map((r) => r.id));
    expect(accepted.filter((id) => !storedIds.has(id))).toEqual([]);
    const readModelDeadline = Date.now() + 30_000;
    let projected = new Set<string>();
    while (Date.now() < readModelDeadline) {
      projected = new Set((await query<{ id: string }>(db.url, `SELECT training_id AS id FROM career_trainings`)).map((r) => r.id));
      if (projected.size >= storedIds.size) break;
      await sleep(100);
    }
    expect([...storedIds].filter((id) => !projected.has(id))).toEqual([]);
    expect(projected.size).toBe(storedIds.size);
    // A 503 is not an acceptance, but nothing beyond what was sent may appear.
    expect(storedIds.size).toBeLessThanOrEqual(load.outcomes.length);
  }, 90_000);
});
