import { describe } from '@jest/globals';
import { kafkaAvailable, MISSING_KAFKA, mockKafkaAvailable } from './kafka-harness.js';

/**
 * `describe` when a broker can be had; otherwise the suite is skipped with a warning, and with
 * CI=true the file fails instead, so CI never passes without its Kafka tests. (Apart from the
 * harness, which the benchmarks load outside Jest.)
 */
export function describeWithKafka(
  what: string,
  options: { /** kcat's mock cluster, which the test kills */ mock?: boolean } = {},
): typeof describe.skip {
  if (options.mock ? mockKafkaAvailable() : kafkaAvailable()) return describe;
  if (process.env.CI === 'true') throw new Error(`${MISSING_KAFKA} (CI=true: not skipping ${what})`);
  console.warn(`Skipping ${what}: ${MISSING_KAFKA}`);
  return describe.skip;
}
