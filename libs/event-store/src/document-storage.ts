import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { DocumentMediaType } from '#domain';
import { poolOf } from './database.js';

export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');

/**
 * Where the bytes of uploaded documents live, addressed by their SHA-256. Small on purpose: an
 * S3-compatible store can take PostgreSQL's place behind it.
 */
export interface DocumentStorage {
  /** Stores the bytes once whatever the number of uploads; answers their address. */
  put(bytes: Uint8Array, mediaType: DocumentMediaType): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<{ bytes: Uint8Array; mediaType: DocumentMediaType } | null>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The bytes as a Buffer without a copy: node-postgres sends a Buffer parameter as binary bytea. */
const asBuffer = (bytes: Uint8Array) => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

/** The `documents` table: one row per distinct file. */
export class PostgresDocumentStorage implements DocumentStorage {
  private readonly pool: pg.Pool;

  constructor(db: DataSource) {
    this.pool = poolOf(db);
  }

  async put(bytes: Uint8Array, mediaType: DocumentMediaType): Promise<{ sha256: string; size: number }> {
    const sha256 = sha256Of(bytes);
    // Same hash, same bytes: a second upload (or a racing one) has nothing to add.
    await this.pool.query(
      `INSERT INTO documents (sha256, media_type, size, content) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`,
      [sha256, mediaType, bytes.byteLength, asBuffer(bytes)],
    );
    return { sha256, size: bytes.byteLength };
  }

  async get(sha256: string): Promise<{ bytes: Uint8Array; mediaType: DocumentMediaType } | null> {
    if (!SHA256_HEX.test(sha256)) return null;
    const { rows } = await this.pool.query<{ media_type: DocumentMediaType; content: Buffer }>(
      `SELECT media_type, content FROM documents WHERE sha256 = $1`,
      [sha256],
    );
    const row = rows[0];
    return row ? { bytes: row.content, mediaType: row.media_type } : null;
  }
}
