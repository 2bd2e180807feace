import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '#testing';
import { isoSql } from './read-models.js';

/** The hot reads take instants as PostgreSQL renders them: they must read exactly as a Date's toISOString. */
describe('isoSql', () => {
  let db: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  test.each([
    '2026-03-02 03:00:00+00',
    '2026-03-02 10:00:00.123456+07',
    '2026-12-31 23:59:59.999999+00',
    '1999-01-01 00:00:00.0005-09:30',
    '2027-02-28 17:00:00.01+00',
  ])('%s', async (literal) => {
    // Under a session zone far from UTC, so a zone slip shows.
    await client.query(`SET TIME ZONE 'Asia/Jayapura'`);
    const { rows } = await client.query<{ instant: Date; text: string }>(
      `SELECT v AS instant, ${isoSql('v')} AS text FROM (SELECT $1::timestamptz AS v) AS t`,
      [literal],
    );
    expect(rows[0].text).toBe(rows[0].instant.toISOString());
  });
});
