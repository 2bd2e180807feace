import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { pdfOfSize, SMALL_JPEG, SMALL_PDF, SMALL_PNG } from '../../testing/src/document-fixtures.js';
import { createMigratedDatabase } from '../../testing/src/postgres-harness.js';
import { PostgresDocumentStorage } from './document-storage.js';

const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('PostgresDocumentStorage: files stored by content', () => {
  let db: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let storage: PostgresDocumentStorage;
  const rows = async () => Number((await db.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM documents`))[0].n);

  beforeAll(async () => {
    db = await createMigratedDatabase(undefined, 4);
    storage = new PostgresDocumentStorage(db.dataSource);
  });
  afterAll(async () => db.close());

  test('put answers the SHA-256 and size of the bytes; get gives back the same bytes and media type', async () => {
    for (const [bytes, mediaType] of [
      [SMALL_PDF, 'application/pdf'],
      [SMALL_PNG, 'image/png'],
      [SMALL_JPEG, 'image/jpeg'],
    ] as const) {
      const stored = await storage.put(bytes, mediaType);
      expect(stored).toEqual({ sha256: hex(bytes), size: bytes.length });
      const read = await storage.get(stored.sha256);
      expect(read?.mediaType).toBe(mediaType);
      expect(Buffer.from(read?.bytes ?? []).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  test('the same bytes put twice, also concurrently, are one row and the same answer', async () => {
    const bytes = pdfOfSize(2048, 0x42);
    const before = await rows();
    const answers = await Promise.all([1, 2, 3, 4].map(() => storage.put(bytes, 'application/pdf')));
    expect(new Set(answers.map((a) => a.sha256)).size).toBe(1);
    expect(await storage.put(bytes, 'application/pdf')).toEqual(answers[0]);
    expect(await rows()).toBe(before + 1);
  });

  test('a file of the 5 MiB limit goes in and comes out whole, a byte-exact copy', async () => {
    const bytes = pdfOfSize(5 * 1024 * 1024, 0x43);
    const { sha256, size } = await storage.put(bytes, 'application/pdf');
    expect(size).toBe(5 * 1024 * 1024);
    const read = await storage.get(sha256);
    expect(read?.bytes.length).toBe(bytes.length);
    expect(hex(read?.bytes ?? new Uint8Array())).toBe(sha256);
  });

  test('an unknown hash, and a string that is no hash at all, are null (no query error)', async () => {
    expect(await storage.get('0'.repeat(64))).toBeNull();
    expect(await storage.get("'; DROP TABLE documents; --")).toBeNull();
    expect(await storage.get('A'.repeat(64))).toBeNull();
  });

  test('the table refuses what the port never writes: a size that is not the content length, another media type', async () => {
    await expect(
      db.dataSource.query(`INSERT INTO documents (sha256, media_type, size, content) VALUES ($1, 'application/pdf', 3, '\\x00')`, [
        'a'.repeat(64),
      ]),
    ).rejects.toThrow(/check constraint/);
    await expect(
      db.dataSource.query(`INSERT INTO documents (sha256, media_type, size, content) VALUES ($1, 'text/plain', 1, '\\x00')`, [
        'b'.repeat(64),
      ]),
    ).rejects.toThrow(/check constraint/);
  });
});
