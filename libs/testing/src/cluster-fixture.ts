import { afterAll, beforeAll } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openDataSource } from '../../event-store/src/index.js';
import { JenjangCluster } from './jenjang-processes.js';
import { startKafka, type KafkaHandle } from './kafka-harness.js';
import { createTestDatabase, type TestDatabase } from './postgres-harness.js';
import { ensureBuilt } from './processes.js';

export interface ClusterFixture {
  kafka: KafkaHandle;
  database: TestDatabase;
  /** A connection of the test's own to the cluster's database, for checking what the processes did. */
  dataSource: DataSource;
  cluster: JenjangCluster;
}

/**
 * For a describe block: the build, a Kafka mock cluster, a database and a JenjangCluster on them
 * (processes are started by the test), all torn down afterwards.
 */
export function useJenjangCluster(name: string, env: Record<string, string> = {}): ClusterFixture {
  const fixture = {} as ClusterFixture;
  beforeAll(async () => {
    await ensureBuilt();
    [fixture.kafka, fixture.database] = await Promise.all([startKafka(), createTestDatabase(`jenjang_${name}`)]);
    fixture.dataSource = await openDataSource({ url: fixture.database.url, migrations: [], poolSize: 4, applicationName: 'jenjang-test' });
    fixture.cluster = new JenjangCluster({
      databaseUrl: fixture.database.url,
      kafkaBrokers: fixture.kafka.brokers,
      topic: `asn.events.v1.${name}-${Date.now()}`,
      groupId: `g-${name}-${Date.now()}`,
      // librdkafka's mock holds an empty fetch for the whole wait even when data arrives.
      env: { KAFKA_FETCH_MAX_WAIT_MS: '100', ...env },
    });
  }, 150_000);
  afterAll(async () => {
    await fixture.cluster?.stop();
    await fixture.dataSource?.destroy();
    await fixture.kafka?.stop();
    await fixture.database?.drop();
  });
  return fixture;
}
