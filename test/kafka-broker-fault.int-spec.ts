import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import type { EventMetadata } from '#domain';
import { EventStore, readRelayCheckpoint } from '#event-store';
import { DATABASE_MIGRATIONS } from '#projections';
import { builtApp } from '../libs/testing/src/built-app.js';
import { describeWithKafka } from '../libs/testing/src/describe-with-kafka.js';
import { startKafka, type KafkaHandle } from '../libs/testing/src/kafka-harness.js';
import { createMigratedDatabase } from '../libs/testing/src/postgres-harness.js';
import { startTcpProxy, type TcpProxy } from '../libs/testing/src/tcp-proxy.js';

// Issue 9, faults: the Kafka broker gone and back. A real relay process publishes to kcat's mock
// broker through a fixed address; the broker is SIGKILLed, events keep being committed, a new
// broker comes up behind the same address, and the relay must back off, say so, and resume from
// its checkpoint. The mock keeps its topics in memory, so the new broker starts empty: everything
// committed after the kill must arrive on it exactly once, and nothing published before it again.
const metadata: EventMetadata = { actor: 'x', agency: 'a', correlationId: 'c', causationId: null, occurredAt: '2026-01-05T00:00:00.000Z' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface LogLine {
  level: string;
  time: string;
  context?: string;
  msg: string;
  [field: string]: unknown;
}

async function until<T>(what: string, read: () => T | Promise<T>, ok: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** Every message's ce_globalposition on `topic`, as a consumer of `brokers` receives them (duplicates kept). */
async function consumePositions(brokers: string[], topic: string): Promise<{ positions: number[]; stop(): Promise<void> }> {
  const kafka = new Kafka({ clientId: 'fault-reader', brokers, logLevel: logLevel.NOTHING });
  const consumer: Consumer = kafka.consumer({
    groupId: `reader-${Date.now()}`,
    sessionTimeout: 6000,
    heartbeatInterval: 1000,
    maxWaitTimeInMs: 200,
  });
  const positions: number[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void positions.push(Number(message.headers?.ce_globalposition?.toString())) });
  return { positions, stop: () => consumer.disconnect() };
}

const counts = (positions: number[]) => positions.reduce((m, p) => m.set(p, (m.get(p) ?? 0) + 1), new Map<number, number>());

describeWithKafka(
  'the Kafka broker SIGKILLed and back, under a real relay process',
  () => {
    let database: Awaited<ReturnType<typeof createMigratedDatabase>>;
    let proxy: TcpProxy;
    let first: KafkaHandle;
    let second: KafkaHandle | undefined;
    let relay: ChildProcess;
    let dataDir: string;
    const logs: LogLine[] = [];
    const topic = `asn.events.v1.fault-${Date.now()}`;

    beforeAll(async () => {
      const script = await builtApp('apps/relay/src/main.js');
      database = await createMigratedDatabase(DATABASE_MIGRATIONS, 4);
      first = await startKafka({ mock: true, brokers: 1 });
      proxy = await startTcpProxy(first.brokers[0]);
      dataDir = mkdtempSync(join(os.tmpdir(), 'jenjang-fault-'));
      relay = spawn(process.execPath, [script], {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          NODE_OPTIONS: '',
          DATABASE_URL: database.url,
          DATA_DIR: dataDir,
          KAFKA_BROKERS: proxy.address,
          KAFKA_TOPIC: topic,
          LOG_LEVEL: 'info',
          RELAY_POLL_MS: '20',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let pending = '';
      relay.stdout?.on('data', (chunk: Buffer) => {
        pending += chunk.toString();
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          try {
            logs.push(JSON.parse(line) as LogLine);
          } catch {
            logs.push({ level: 'raw', time: new Date().toISOString(), msg: line });
          }
        }
      });
      relay.stderr?.on('data', (chunk: Buffer) => logs.push({ level: 'stderr', time: new Date().toISOString(), msg: chunk.toString() }));
      await until(
        'the relay to lead',
        () => logs,
        (l) => l.some((line) => line.msg === 'relay is the active leader') || relay.exitCode !== null,
        120_000,
      );
      expect(relay.exitCode).toBeNull();
    }, 420_000);

    afterAll(async () => {
      if (relay && relay.exitCode === null) {
        const exited = new Promise((resolve) => relay.once('exit', resolve));
        const force = setTimeout(() => relay.kill('SIGKILL'), 10_000);
        relay.kill('SIGTERM');
        await exited;
        clearTimeout(force);
      }
      await proxy?.close();
      await second?.stop();
      await first?.stop();
      await database?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    test('the relay backs off while the broker is gone, says so, and resumes from its checkpoint: nothing lost, nothing doubled', async () => {
      const store = new EventStore(database.dataSource);
      const appendRound = async (round: number, streams: number) => {
        const appended: number[] = [];
        for (let s = 0; s < streams; s++) {
          const [event] = await store.append(`fault-${s}`, round, [{ type: 'Noted', schemaVersion: 1, data: { round, s }, metadata }]);
          appended.push(event.globalPosition);
        }
        return appended;
      };
      const checkpoint = async () => (await readRelayCheckpoint(database.dataSource, 'main'))?.globalPosition ?? 0;

      // Before the fault: published once, checkpointed.
      const before = [...(await appendRound(0, 10)), ...(await appendRound(1, 10))];
      const onFirst = await consumePositions(first.brokers, topic);
      await until(
        'the events before the fault on the first broker',
        () => onFirst.positions.length,
        (n) => n >= before.length,
      );
      await until('the checkpoint to reach them', checkpoint, (p) => p === Math.max(...before));
      await onFirst.stop();
      expect([...counts(onFirst.positions)].sort(([a], [b]) => a - b)).toEqual(before.map((p) => [p, 1]));

      // The broker dies; the address clients know refuses connections meanwhile.
      const killedAt = Date.now();
      await first.kill();
      proxy.retarget(null);
      const during: number[] = [];
      for (let round = 2; round < 7; round++) {
        during.push(...(await appendRound(round, 10)));
        await sleep(300);
      }
      const failures = await until(
        'the relay to report failing batches, backing off',
        () => logs.filter((l) => l.msg === 'relay batch failed; retrying' && Date.parse(l.time) >= killedAt),
        (lines) => lines.length >= 3,
        120_000,
      );
      expect(failures.map((l) => l.failures)).toEqual(failures.map((_, i) => i + 1));
      expect(failures[0].level).toBe('error');
      expect(String(failures[0].error)).not.toBe('');
      // Backing off: the pauses between failed attempts never shrink. Once the backoff is at its cap
      // each gap is the producer's timeout plus the cap, so two gaps differ only by scheduling jitter.
      const JITTER_MS = 250;
      const gaps = failures.slice(1).map((l, i) => Date.parse(l.time) - Date.parse(failures[i].time));
      expect(gaps[gaps.length - 1]).toBeGreaterThanOrEqual(gaps[0] - JITTER_MS);
      // Nothing counted as published while the broker was away.
      expect(await checkpoint()).toBe(Math.max(...before));

      // A new broker behind the same address.
      second = await startKafka({ mock: true, brokers: 1 });
      const restartedAt = Date.now();
      proxy.retarget(second.brokers[0]);
      const recovered = await until(
        'the relay to recover',
        () => logs.find((l) => l.msg === 'relay recovered' && Date.parse(l.time) >= restartedAt),
        (line) => line !== undefined,
        120_000,
      );
      const resumeMs = Date.parse((recovered as LogLine).time) - restartedAt;
      await until('the checkpoint to pass the events of the outage', checkpoint, (p) => p === Math.max(...during));

      const after = [...(await appendRound(7, 10))];
      const onSecond = await consumePositions(second.brokers, topic);
      const expected = [...during, ...after];
      await until(
        'every event since the kill on the new broker',
        () => onSecond.positions.length,
        (n) => n >= expected.length,
        60_000,
      );
      await sleep(1_000); // anything more would be a duplicate
      await onSecond.stop();
      expect([...counts(onSecond.positions)].sort(([a], [b]) => a - b)).toEqual(expected.sort((a, b) => a - b).map((p) => [p, 1]));

      console.log(
        `Kafka broker fault: down ${restartedAt - killedAt} ms, ${failures.length}+ failed batches, resumed ${resumeMs} ms after the broker came back ` +
          `(relay says down ${String((recovered as LogLine).downMs)} ms, ${String((recovered as LogLine).failures)} failures); ` +
          `events lost: 0, doubled: 0 (${expected.length} since the kill); first error: ${String(failures[0].error)}`,
      );
    }, 300_000);
  },
  { mock: true },
);
