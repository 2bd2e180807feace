import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { EVENT_SQL } from '#event-store';
import { EventChainChecker, RAW_TEXT, type EventPage, type EventRow } from './event-check.js';
import type { WorkerInput, WorkerMessage } from './verify-worker.js';

/** The verification pass's reading side: server-side cursors, and the events checked in this thread or a worker. */

/** A ledger leaf as the pass reads it: index, position, event hash and leaf hash, all text. */
export type LeafRow = [leafIndex: string, globalPosition: string, eventHash: string, leafHash: string];

export const LEAVES_IN_ORDER = `SELECT leaf_index, global_position, encode(event_hash, 'hex'), encode(leaf_hash, 'hex')
  FROM ledger_leaves ORDER BY leaf_index`;

/** Rows of a server-side cursor, a page at a time; the next page is on its way while this one is used. */
export class CursorPages<T> {
  rows: T[] = [];
  at = 0;
  private pending: Promise<T[]> | null;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly cursor: string,
    private readonly pageSize: number,
  ) {
    this.pending = this.fetch();
  }

  private fetch(): Promise<T[]> {
    return this.client
      .query({ text: `FETCH ${this.pageSize} FROM ${this.cursor}`, rowMode: 'array', types: RAW_TEXT })
      .then((r) => r.rows as T[]);
  }

  /** Whether a row is at hand, waiting for the next page only when this one is used up. */
  async ready(): Promise<boolean> {
    if (this.at < this.rows.length) return true;
    if (!this.pending) return false;
    this.rows = await this.pending;
    this.at = 0;
    this.pending = this.rows.length === this.pageSize ? this.fetch() : null;
    return this.rows.length > 0;
  }

  async settle(): Promise<void> {
    if (this.pending) await this.pending.catch(() => undefined);
    this.pending = null;
  }
}

/** Checked pages of events in commit order, from a worker thread or from this one. */
export interface EventPages {
  next(): Promise<EventPage | null>;
  close(): Promise<void>;
}

/** In this thread: the events cursor on the snapshot's own connection. */
export function localEventPages(client: pg.ClientBase, pageSize: number): EventPages {
  const checker = new EventChainChecker();
  let cursor: CursorPages<EventRow> | null = null;
  return {
    async next() {
      if (!cursor) {
        await client.query(`DECLARE verify_events NO SCROLL CURSOR FOR ${EVENT_SQL.allInCommitOrderAsText}`);
        cursor = new CursorPages<EventRow>(client, 'verify_events', pageSize);
      }
      if (checker.stopped || !(await cursor.ready())) return null;
      const rows = cursor.rows;
      cursor.at = rows.length;
      return checker.checkPage(rows);
    },
    async close() {
      if (cursor) await cursor.settle();
    },
  };
}

/** The compiled worker beside this module (dist/); absent when running from TypeScript sources. */
export function defaultWorkerUrl(): URL | null {
  const url = new URL('./verify-worker.js', import.meta.url);
  return existsSync(url) ? url : null;
}

/** In a worker thread: it reads and hashes the events while this thread checks them against the ledger. */
export function workerEventPages(workerUrl: URL, input: WorkerInput): EventPages {
  const worker = new Worker(workerUrl, { workerData: input });
  const queue: WorkerMessage[] = [];
  let waiting: ((message: WorkerMessage) => void) | null = null;
  let finished = false;
  const deliver = (message: WorkerMessage) => {
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      resolve(message);
    } else {
      queue.push(message);
    }
  };
  worker.on('message', deliver);
  worker.on('error', (error) => deliver({ error: error.message }));
  worker.on('exit', (code) => deliver(code === 0 ? { done: true } : { error: `the verify worker stopped (exit ${code})` }));
  worker.postMessage({ credit: 3 });
  return {
    async next() {
      if (finished) return null;
      const message = queue.shift() ?? (await new Promise<WorkerMessage>((resolve) => (waiting = resolve)));
      if ('error' in message) {
        finished = true;
        throw new Error(`verify worker: ${message.error}`);
      }
      if ('done' in message) {
        finished = true;
        return null;
      }
      worker.postMessage({ credit: 1 });
      return message.page;
    },
    async close() {
      finished = true;
      worker.postMessage({ stop: true });
      await worker.terminate();
    },
  };
}
