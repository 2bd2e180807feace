/**
 * Scale-out over Kafka (librdkafka's mock cluster via kcat): the processes a deployment runs, from
 * the build, on a fresh database — two api processes, two relays (one standing by) and two
 * projectors in one consumer group. `POST /api/trainings` from 8 clients for BENCH_HTTP_SECONDS,
 * first all to one api, then spread over both; after each, how long until the read models hold
 * every accepted command, and at the end whether they equal a rebuild from the store.
 *
 * On a small machine every process shares the same cores, so two apis need not be faster than
 * one: the rows say what the second instance buys here, not in general.
 */
import { openDataSource } from '#event-store';
import { CommandLoad, type CommandOutcome } from '../libs/testing/src/http-load.js';
import { JenjangCluster, RELAY_LEADER_LOG, startScaledOut } from '../libs/testing/src/jenjang-processes.js';
import { kafkaAvailable, startKafka } from '../libs/testing/src/kafka-harness.js';
import { liveAndRebuiltReadModels, readModelsCaughtUp } from '../libs/testing/src/read-model-check.js';
import { distribution, fmtInt, fmtMs, SkipBenchmark, sleep, type Benchmark, type ResultRow } from './benchmark.js';
import { httpSettings } from './load.js';
import { BENCH_HR_NIP } from './servers.js';

const CLIENTS = 8;
const EMPLOYEES = 16;

interface ScaleOutCase {
  apis: number;
  accepted: number;
  perApi: number[];
  refused: number;
  commandsPerSecond: number;
  latencyMs: ReturnType<typeof distribution>;
  /** From the end of the load until every accepted command was in the read model. */
  catchUpMs: number;
}

export interface ScaleOutData {
  seconds: number;
  clients: number;
  partitions: number[][];
  cases: ScaleOutCase[];
  readModelsEqualRebuild: boolean;
}

export const scaleOutBenchmark: Benchmark<ScaleOutData> = {
  id: 'scale-out',
  title: 'Scale-out: 2 apis, 2 relays (1 standing by), 2 projectors over Kafka',
  async run(ctx) {
    if (!kafkaAvailable()) throw new SkipBenchmark('no Kafka: install kcat or set KAFKA_BROKERS');
    const { seconds } = httpSettings();
    const kafka = await startKafka();
    ctx.onCleanup(() => kafka.stop());
    const database = await ctx.freshDatabase('scale_out');
    const cluster = new JenjangCluster({
      databaseUrl: database.url,
      kafkaBrokers: kafka.brokers,
      topic: `asn.events.v1.bench-${Date.now()}`,
      groupId: `bench-scale-out-${Date.now()}`,
      // The mock cluster makes a new member wait out the old one's session (docs/architecture.md §Embedded defaults).
      env: { KAFKA_SESSION_TIMEOUT_MS: '6000', LOG_LEVEL: 'info' },
    });
    ctx.onCleanup(() => cluster.stop());
    const dataSource = await openDataSource({ url: database.url, migrations: [], poolSize: 4, applicationName: 'jenjang-bench' });
    ctx.onCleanup(() => dataSource.destroy());

    ctx.log('  starting 2 apis, 2 relays, 2 projectors…');
    const token = await cluster.token(BENCH_HR_NIP, ['hr']);
    const {
      apis: [first, second],
      relays,
      shares,
      nips,
    } = await startScaledOut(cluster, token, EMPLOYEES);

    const cases: ScaleOutCase[] = [];
    for (const targets of [[first.url], [first.url, second.url]]) {
      const load = new CommandLoad({ targets, token, nips, concurrency: CLIENTS, tag: `bench-${targets.length}` });
      const bar = ctx.progress(`${targets.length} api${targets.length > 1 ? 's' : ''}`, seconds, 's');
      load.start();
      for (let s = 1; s <= seconds; s += 1) {
        await sleep(1_000);
        bar.update(s, `${fmtInt(load.accepted().length)} accepted`);
      }
      await load.stop();
      const stoppedAt = performance.now();
      await readModelsCaughtUp(dataSource, 120_000);
      const catchUpMs = performance.now() - stoppedAt;
      const accepted = load.accepted();
      const result: ScaleOutCase = {
        apis: targets.length,
        accepted: accepted.length,
        perApi: [first.url, second.url].map((url) => accepted.filter((o) => o.target === url).length),
        refused: load.outcomes.length - accepted.length,
        commandsPerSecond: accepted.length / seconds,
        latencyMs: distribution(accepted.map((o: CommandOutcome) => o.answeredAt - o.sentAt)),
        catchUpMs,
      };
      bar.done(
        `${targets.length} api(s): ${fmtInt(result.commandsPerSecond)} commands/s, read models caught up ${fmtMs(catchUpMs)} ms later`,
      );
      cases.push(result);
    }
    const { live, rebuilt } = await liveAndRebuiltReadModels(dataSource);
    const readModelsEqualRebuild = JSON.stringify(live) === JSON.stringify(rebuilt);
    const standby = RELAY_LEADER_LOG.test(relays[1].output()) ? 'relay-a' : 'relay-b';

    const rows: ResultRow[] = cases.map((c) => ({
      case: `${c.apis} api${c.apis > 1 ? 's' : ''}, ${CLIENTS} clients`,
      figure: `${fmtInt(c.commandsPerSecond)} commands/s`,
      detail:
        `p50 ${fmtMs(c.latencyMs.p50)} / p99 ${fmtMs(c.latencyMs.p99)} ms; per api ${c.perApi.map(fmtInt).join(' + ')}; ` +
        `${c.refused ? `${fmtInt(c.refused)} not accepted; ` : ''}read models complete ${fmtMs(c.catchUpMs)} ms after the load`,
    }));
    rows.push({
      case: 'read models after both runs',
      figure: readModelsEqualRebuild ? 'equal to a rebuild' : 'DIFFER from a rebuild',
      detail: `partitions [${shares[0].partitions.join(', ')}] / [${shares[1].partitions.join(', ')}]; ${standby} standing by`,
      aim: 'equal',
      met: readModelsEqualRebuild,
    });
    return {
      rows,
      notes: [
        'Every process shares the machine’s cores; the mock cluster holds an empty fetch for kafkajs’s whole maxWaitTimeInMs, which the catch-up times include.',
      ],
      data: { seconds, clients: CLIENTS, partitions: shares.map((s) => s.partitions), cases, readModelsEqualRebuild },
    };
  },
};
