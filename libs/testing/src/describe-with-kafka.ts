import { describe, test } from '@jest/globals';
import { kafkaAvailable, MISSING_KAFKA, mockKafkaAvailable } from './kafka-harness.js';

/**
 * `describe` for tests that need a Kafka protocol peer. Without one the block holds a single test
 * that fails saying what to install: a Kafka test never passes, or is skipped, without its broker.
 */
export function describeWithKafka(
  name: string,
  tests: () => void,
  options: { /** kcat's mock cluster, which the test kills */ mock?: boolean } = {},
): void {
  if (options.mock ? mockKafkaAvailable() : kafkaAvailable()) return describe(name, tests);
  describe(name, () => {
    test('needs a Kafka broker', () => {
      throw new Error(options.mock ? `${MISSING_KAFKA} (this test kills kcat's mock cluster: KAFKA_BROKERS does not do)` : MISSING_KAFKA);
    });
  });
}
