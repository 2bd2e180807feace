import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

export interface KafkaHandle {
  brokers: string[];
  stop(): Promise<void>;
  /** SIGKILLs the mock cluster (its topics are in memory: they die with it). */
  kill(): Promise<void>;
}

export const MISSING_KAFKA = 'Kafka tests need a broker: install kcat (apt-get install -y kcat) or set KAFKA_BROKERS';
const BOOT_TIMEOUT_MS = 15_000;

/** True when a Kafka protocol peer can be had: KAFKA_BROKERS is set or kcat is on PATH. */
export function kafkaAvailable(): boolean {
  return brokersFromEnv() !== undefined || kcatPath() !== undefined;
}

/** True when librdkafka's mock cluster can be started (kcat is on PATH): fault tests kill it. */
export function mockKafkaAvailable(): boolean {
  return kcatPath() !== undefined;
}

/**
 * KAFKA_BROKERS if set and `mock` is not asked for (stop does nothing), otherwise librdkafka's
 * mock cluster (`brokers` brokers, default 3, topics auto-created with 4 partitions) run through
 * kcat, killed on stop.
 */
export async function startKafka(options: { mock?: boolean; brokers?: number } = {}): Promise<KafkaHandle> {
  const fromEnv = options.mock ? undefined : brokersFromEnv();
  if (fromEnv)
    return {
      brokers: fromEnv,
      stop: async () => {},
      kill: () => Promise.reject(new Error('a broker from KAFKA_BROKERS cannot be killed by the tests')),
    };
  const kcat = kcatPath();
  if (!kcat) throw new Error(MISSING_KAFKA);

  const mockBrokers = `test.mock.num.brokers=${options.brokers ?? 3}`;
  const child = spawn(kcat, ['-b', '127.0.0.1:1', '-C', '-t', 'boot', '-X', mockBrokers, '-d', 'mock'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let brokers: string[];
  try {
    brokers = await bootstrapServers(child);
  } catch (error) {
    child.kill('SIGKILL');
    process.removeListener('exit', killOnExit);
    throw error;
  }
  return {
    brokers,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await kill(child);
    },
    kill: async () => {
      process.removeListener('exit', killOnExit);
      await kill(child, 'SIGKILL');
    },
  };
}

function bootstrapServers(child: ChildProcess): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let seen = '';
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(
      () =>
        settle(() => reject(new Error(`kcat mock cluster printed no bootstrap.servers within ${BOOT_TIMEOUT_MS} ms: ${seen.slice(-500)}`))),
      BOOT_TIMEOUT_MS,
    );
    // `-d mock` logs every request: keep draining stderr for the cluster's whole life or kcat blocks on a full pipe.
    child.stderr?.on('data', (chunk: Buffer) => {
      if (settled) return;
      seen += chunk.toString();
      const match = /bootstrap\.servers=(\S+)/.exec(seen);
      if (match) settle(() => resolve(match[1].split(',')));
      else if (seen.length > 65_536) seen = seen.slice(-4_096);
    });
    child.once('error', (error) => settle(() => reject(new Error(`Could not start kcat: ${error.message}. ${MISSING_KAFKA}`))));
    child.once('exit', (code, signal) =>
      settle(() => reject(new Error(`kcat exited (${signal ?? code}) before the mock cluster was up: ${seen.slice(-500)}`))),
    );
  });
}

function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 2_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}

function brokersFromEnv(): string[] | undefined {
  const brokers = (process.env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
  return brokers.length > 0 ? brokers : undefined;
}

function kcatPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'kcat');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Each message's CloudEvents global position on `topic`, read from the start to the current end by kcat. */
export async function topicGlobalPositions(brokers: string[], topic: string): Promise<number[]> {
  const { stdout } = await promisify(execFile)('kcat', ['-b', brokers.join(','), '-C', '-t', topic, '-e', '-q', '-f', '%h\\n'], {
    timeout: 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout
    .split('\n')
    .map((line) => /ce_globalposition=(\d+)/.exec(line)?.[1])
    .filter((p): p is string => p !== undefined)
    .map(Number);
}
