import { describe, expect, test } from '@jest/globals';
import type { Projection } from '#projections';
import { projectionSpec, recordEvents, SPEC_ACTOR, SPEC_AGENCY, type SpecEvent } from '#testing';

/** Counts applications per stream: any event applied twice shows. */
const tally: Projection<'spec_tally'> = {
  name: 'spec-tally',
  version: 1,
  tables: {
    spec_tally: (t) => [`CREATE TABLE ${t} (stream_id text PRIMARY KEY, applications integer NOT NULL, last_version integer NOT NULL)`],
  },
  eventTypes: ['PromotionClaimed', 'PromotionClaimReleased'],
  async apply(db, tables, event) {
    await db.query(
      `INSERT INTO ${tables.spec_tally} (stream_id, applications, last_version) VALUES ($1, 1, $2)
       ON CONFLICT (stream_id) DO UPDATE SET applications = ${tables.spec_tally}.applications + 1, last_version = EXCLUDED.last_version`,
      [event.streamId, event.version],
    );
  },
};

const claimed = (caseId: string): SpecEvent => ({
  type: 'PromotionClaimed',
  data: { caseId, stage: 'verification', claimedBy: SPEC_ACTOR, expiresAt: '2026-03-02T05:00:00.000Z' },
});
const released = (caseId: string): SpecEvent => ({
  type: 'PromotionClaimReleased',
  data: { caseId, stage: 'verification', releasedBy: SPEC_ACTOR },
});
const withdrawn = (caseId: string): SpecEvent => ({
  type: 'PromotionWithdrawn',
  data: { caseId, stage: 'verification', withdrawnBy: SPEC_ACTOR, reason: null },
});

describe('projection specs', () => {
  const spec = projectionSpec(tally);

  test('given and when events are applied once each, through the runner, and redelivery changes nothing', async () => {
    let checks = 0;
    await spec
      .given([claimed('a'), released('a'), claimed('b')])
      .when([withdrawn('a'), claimed('a')])
      .then(async (db, t) => {
        checks += 1;
        expect(await db.query(`SELECT * FROM ${t.spec_tally} ORDER BY stream_id`)).toEqual([
          { stream_id: 'promotion-a', applications: 3, last_version: 4 },
          { stream_id: 'promotion-b', applications: 1, last_version: 1 },
        ]);
      });
    // Once after applying, once after the redeliveries.
    expect(checks).toBe(2);
  });

  test('every scenario starts from empty tables', () =>
    spec.when([claimed('c')]).then(async (db, t) => {
      expect(await db.query(`SELECT stream_id, applications FROM ${t.spec_tally}`)).toEqual([
        { stream_id: 'promotion-c', applications: 1 },
      ]);
    }));

  test('a failing assertion fails the spec', async () => {
    await expect(
      spec.given([claimed('a')]).then(async (db, t) => {
        expect(await db.query(`SELECT count(*)::int AS n FROM ${t.spec_tally}`)).toEqual([{ n: 2 }]);
      }),
    ).rejects.toThrow();
  });

  test('a spec awaited without an assertion is refused, not passed', async () => {
    await expect((async () => await spec.given([claimed('a')]))()).rejects.toThrow(/must end in \.then\(assertion\)/);
  });
});

describe('recordEvents', () => {
  test('versions count per stream, positions and transactions rise, metadata defaults and a minute-by-minute clock', () => {
    const recorded = recordEvents([
      claimed('a'),
      { ...claimed('b'), metadata: { occurredAt: '2026-05-01T00:00:00.000Z', actor: 'someone' } },
      released('a'),
    ]);
    expect(recorded.map((e) => [e.streamId, e.version, e.globalPosition])).toEqual([
      ['promotion-a', 1, 1],
      ['promotion-b', 1, 2],
      ['promotion-a', 2, 3],
    ]);
    expect(recorded.map((e) => e.metadata.occurredAt)).toEqual([
      '2026-03-02T03:00:00.000Z',
      '2026-05-01T00:00:00.000Z',
      '2026-05-01T00:01:00.000Z',
    ]);
    expect(recorded[0].metadata).toMatchObject({ actor: SPEC_ACTOR, agency: SPEC_AGENCY, causationId: null });
    expect(recorded[1].metadata.actor).toBe('someone');
    const transactions = recorded.map((e) => BigInt(e.transactionId));
    expect(transactions[0] < transactions[1] && transactions[1] < transactions[2]).toBe(true);
  });
});
