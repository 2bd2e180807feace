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
