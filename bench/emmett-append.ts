/**
 * Emmett's PostgreSQL event store appending the bench's event, run by the appends benchmark as a
 * child process: Emmett's driver sets process-wide pg type parsers (int8 as BigInt), which must
 * not leak into Jenjang's code in the bench process.
 *
 * argv[2]: JSON { url, writers, seconds, warmupSeconds, streamLength }. Prints one JSON line:
 * { events, seconds, eventsPerSecond, latencyMs: number[] percentiles, errors, firstError }.
 */
import { performance } from 'node:perf_hooks';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { sampleEvent } from './append.bench.js';
import { distribution } from './benchmark.js';

interface Options {
  url: string;
  writers: number;
  seconds: number;
  warmupSeconds: number;
  streamLength: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as Options;
const pool = new pg.Pool({ connectionString: options.url, max: options.writers + 2, application_name: 'jenjang-bench-emmett' });
const store = getPostgreSQLEventStore(options.url, { connectionOptions: { pooled: true, pool, connectionString: options.url } as never });

async function run(seconds: number, tag: string) {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: options.writers }, async (_, w) => {
      let stream = 0;
      let version = 0n;
      let serial = 0;
      while (performance.now() < deadline) {
        if (version >= BigInt(options.streamLength)) {
          stream += 1;
          version = 0n;
        }
        serial += 1;
        const event = sampleEvent(`${tag}${String(w).padStart(3, '0')}${String(serial).padStart(9, '0')}`.slice(-18));
        const t0 = performance.now();
        try {
          const result = await store.appendToStream(
            `bench-${tag}-w${w}-s${stream}`,
            [
              {
                type: event.type,
                data: event.data as Record<string, unknown>,
                metadata: event.metadata as unknown as Record<string, unknown>,
              },
            ],
            { expectedStreamVersion: version },
          );
          latencies.push(performance.now() - t0);
          version = result.nextExpectedStreamVersion;
        } catch (error) {
          errors += 1;
          firstError ??= error instanceof Error ? error.message : String(error);
          stream += 1;
          version = 0n;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    events: latencies.length,
    seconds: elapsed,
    eventsPerSecond: latencies.length / elapsed,
    latencyMs: distribution(latencies),
    errors,
    firstError,
  };
}

try {
  const tag = `emt${Date.now().toString(36)}`;
  // The first append creates Emmett's schema; the warm-up pays for it.
  await run(Math.max(options.warmupSeconds, 0.5), `${tag}w`);
  const result = await run(options.seconds, tag);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await store.close();
  await pool.end();
}
