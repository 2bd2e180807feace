/**
 * Jenjang's apps as separate processes on one database, started from the build the way an
 * operator starts them (`npm run start:api` and friends run these scripts): for the fault and
 * scale-out tests, which kill them, and the scale-out benchmark.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { JwtService, type Actor } from '../../auth/src/index.js';
import type { Role } from '../../domain/src/events.js';
import { generateSigningKeyText } from '../../ledger/src/index.js';
import { registerEmployees } from './http-load.js';
import { builtScript, freePort, startNodeProcess, type NodeProcess } from './processes.js';
import { TEST_JWT_SECRET } from './test-secret.js';

export type JenjangApp = 'api' | 'relay' | 'projector' | 'standalone';

/** What each process prints once it is up (the api and the all-in-one also answer HTTP). */
const READY: Record<JenjangApp, { readyPath?: string; readyLog?: RegExp }> = {
  api: { readyPath: '/health' },
  standalone: { readyPath: '/health' },
  relay: { readyLog: /"msg":"relay process running/ },
  projector: { readyLog: /"msg":"projector process running/ },
};

/** A deployment's processes: one database, one Kafka (or none), one signing key and data directory shared by all. */
export class JenjangCluster {
  readonly processes: NodeProcess[] = [];
  private readonly dataDir = mkdtempSync(join(os.tmpdir(), 'jenjang-cluster-'));
  private readonly env: Record<string, string>;
  private readonly jwt = new JwtService({ secret: TEST_JWT_SECRET });
  /** The Kafka topic the processes use. */
  readonly topic: string;

  constructor(options: { databaseUrl: string; kafkaBrokers?: string[]; topic?: string; groupId?: string; env?: Record<string, string> }) {
    this.topic = options.topic ?? 'asn.events.v1';
    this.env = {
      DATABASE_URL: options.databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      SEED_DEMO: 'false',
      RATE_LIMIT_PER_MINUTE: '1000000',
      SLA_CLOCK_INTERVAL_SECONDS: '3600',
      DATA_DIR: this.dataDir,
      LEDGER_SIGNING_KEY: generateSigningKeyText(),
      KAFKA_BROKERS: (options.kafkaBrokers ?? []).join(','),
      KAFKA_TOPIC: this.topic,
      ...(options.groupId ? { KAFKA_GROUP_ID: options.groupId } : {}),
      ...options.env,
    };
  }

  /** Starts `node dist/apps/<app>/src/main.js` and waits until it is up. */
  async start(app: JenjangApp, name: string = app, env: Record<string, string> = {}): Promise<NodeProcess> {
    const http = READY[app].readyPath !== undefined;
    const process = await startNodeProcess({
      name,
      script: builtScript(`apps/${app}/src/main.js`),
      env: { ...this.env, KAFKA_CLIENT_ID: `jenjang-${name}`, ...env },
      port: http ? await freePort() : undefined,
      ...READY[app],
    });
    this.processes.push(process);
    return process;
  }

  /** A token every process of the cluster accepts. */
  token(nip: string, roles: Role[], agency = 'pemkot-langsa'): Promise<string> {
    return this.jwt.mint({ nip, agency, roles } as Actor, 3600);
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.stop()));
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** A projector's partition assignments, from its log: when each was taken up (resumed) and which partitions. */
export function partitionAssignments(projector: NodeProcess): { at: number; partitions: number[] }[] {
  return projector
    .output()
    .split('\n')
    .flatMap((line) => {
      const match = /"msg":"Subscription \S+ assigned \S+ \[([\d, ]*)\]"/.exec(line);
      if (!match) return [];
      const at = Date.parse((JSON.parse(line) as { time: string }).time);
      return [{ at, partitions: match[1] ? match[1].split(', ').map(Number) : [] }];
    });
}

/** The time the first JSON log line matching `pattern` was written, from the line itself. */
export function loggedAt(process: NodeProcess, pattern: RegExp): number | undefined {
  const line = process
    .output()
    .split('\n')
    .find((l) => pattern.test(l));
  return line ? Date.parse((JSON.parse(line) as { time: string }).time) : undefined;
}

/** The partitions a projector alone in its group was given. */
export async function topicPartitions(projector: NodeProcess, timeoutMs = 30_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const latest = partitionAssignments(projector).at(-1);
    if (latest && latest.partitions.length > 0) return [...latest.partitions].sort((x, y) => x - y);
    if (Date.now() > deadline) throw new Error(`${projector.name} was given no partitions:\n${projector.tail()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the projectors' latest assignments share out `partitions` exactly, each holding some; returns them. */
export async function sharedOut(projectors: NodeProcess[], partitions: number[], timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const latest = projectors.map((p) => partitionAssignments(p).at(-1));
    const held = latest.flatMap((a) => a?.partitions ?? []).sort((x, y) => x - y);
    if (latest.every((a) => a && a.partitions.length > 0) && JSON.stringify(held) === JSON.stringify(partitions))
      return latest as { at: number; partitions: number[] }[];
    if (Date.now() > deadline)
      throw new Error(
        `the group did not share out [${partitions.join(', ')}]: ${JSON.stringify(latest)}\n${projectors.map((p) => p.tail(10)).join('\n')}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const RELAY_LEADER_LOG = /"msg":"relay is the active leader"/;

export interface ScaledOut {
  apis: [NodeProcess, NodeProcess];
  /** The first is the leader; the second stood by when started. */
  relays: [NodeProcess, NodeProcess];
  projectors: [NodeProcess, NodeProcess];
  /** Every partition of the topic, and each projector's share once both are in the group. */
  partitions: number[];
  shares: { at: number; partitions: number[] }[];
  /** The employees registered (through the first api) before the second relay and projector started. */
  nips: string[];
}

/**
 * Two apis, two relays (the second standing by) and two projectors in one group, started in an
 * order that makes each role certain: one api migrates first, the first relay leads before the
 * second starts, the first projector holds every partition before the second joins. `employees`
 * are registered with `hrToken` once the first of each is up (their events create the topic).
 */
export async function startScaledOut(cluster: JenjangCluster, hrToken: string, employees: number): Promise<ScaledOut> {
  const first = await cluster.start('api', 'api-1');
  const [second, relayA, projectorA] = await Promise.all([
    cluster.start('api', 'api-2'),
    cluster.start('relay', 'relay-a'),
    cluster.start('projector', 'projector-a'),
  ]);
  await relayA.waitForLog(RELAY_LEADER_LOG);
  const nips = await registerEmployees(first.url, hrToken, employees);
  const partitions = await topicPartitions(projectorA);
  const [relayB, projectorB] = await Promise.all([cluster.start('relay', 'relay-b'), cluster.start('projector', 'projector-b')]);
  const shares = await sharedOut([projectorA, projectorB], partitions);
  return { apis: [first, second], relays: [relayA, relayB], projectors: [projectorA, projectorB], partitions, shares, nips };
}
