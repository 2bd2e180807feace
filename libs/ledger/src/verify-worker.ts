/**
 * Worker thread of the verifier: reads the events in commit order on its own connection, inside
 * the main thread's snapshot, and checks their stream links and content hashes while the main
 * thread checks them against the ledger. At most `credit` pages are ahead of the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { EventChainChecker, RAW_TEXT, type EventPage, type EventRow } from './event-check.js';

export interface WorkerInput {
  connectionString: string;
  snapshot: string;
  pageSize: number;
  /** The events in commit order (the event store's SQL: this thread loads only the pure checking code). */
  query: string;
}

export type WorkerMessage = { page: EventPage } | { done: true } | { error: string };

async function main(input: WorkerInput): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('not a worker thread');
  let credit = 0;
  let wake: (() => void) | null = null;
  port.on('message', (message: { credit?: number; stop?: boolean }) => {
    if (message.stop) credit = -Infinity;
    else credit += message.credit ?? 0;
    wake?.();
  });
  const client = new pg.Client({ connectionString: input.connectionString, application_name: 'jenjang-verify-worker' });
  await client.connect();
  try {
    await client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`);
    await client.query(`SET TRANSACTION SNAPSHOT '${input.snapshot.replace(/'/g, '')}'`);
    await client.query(`SET LOCAL jit = off`);
    await client.query(`DECLARE verify_worker_events NO SCROLL CURSOR FOR ${input.query}`);
    const checker = new EventChainChecker();
    const fetch = () => client.query({ text: `FETCH ${input.pageSize} FROM verify_worker_events`, rowMode: 'array', types: RAW_TEXT });
    let next: Promise<pg.QueryResult> | null = fetch();
    while (next) {
      const rows = (await next).rows as EventRow[];
      next = rows.length === input.pageSize ? fetch() : null;
      if (rows.length === 0) break;
      while (credit <= 0 && credit !== -Infinity) await new Promise<void>((resolve) => (wake = resolve));
      if (credit === -Infinity) break;
      credit -= 1;
      const page = checker.checkPage(rows);
      port.postMessage({ page } satisfies WorkerMessage, [page.positions.buffer as ArrayBuffer]);
      if (checker.stopped) break;
    }
    if (next) await next.catch(() => undefined);
    port.postMessage({ done: true } satisfies WorkerMessage);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
}

main(workerData as WorkerInput).catch((error: unknown) => {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage);
});
