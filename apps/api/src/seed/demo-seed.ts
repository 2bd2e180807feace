import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { ConcurrencyConflictError, countEvents, dataFieldOfType, EventStore } from '#event-store';
import { recordSlaBreach } from '#projector';
import { ConfigureAgencyCommand } from '../agencies/configure-agency/configure-agency.handler.js';
import type { ConfigureAgencyRequest } from '../agencies/configure-agency/configure-agency.request.dto.js';
import { SubmitAppraisalCommand } from '../appraisals/submit-appraisal/submit-appraisal.handler.js';
import type { SubmitAppraisalRequest } from '../appraisals/submit-appraisal/submit-appraisal.request.dto.js';
import type { CommandContext, CommandResult } from '../commands/command-context.js';
import { STATUS_BY_CODE } from '../http/api-error.js';
import { ImposeSanctionCommand } from '../employees/impose-sanction/impose-sanction.handler.js';
import type { ImposeSanctionRequest } from '../employees/impose-sanction/impose-sanction.request.dto.js';
import { RegisterEmployeeCommand } from '../employees/register-employee/register-employee.handler.js';
import type { RegisterEmployeeRequest } from '../employees/register-employee/register-employee.request.dto.js';
import { ClaimPromotionCommand } from '../promotions/claim-promotion/claim-promotion.handler.js';
import { DecidePromotionCommand } from '../promotions/decide-promotion/decide-promotion.handler.js';
import type { DecidePromotionRequest } from '../promotions/decide-promotion/decide-promotion.request.dto.js';
import { ProposePromotionCommand } from '../promotions/propose-promotion/propose-promotion.handler.js';
import type { ProposePromotionRequest } from '../promotions/propose-promotion/propose-promotion.request.dto.js';
import { ResubmitPromotionCommand } from '../promotions/resubmit-promotion/resubmit-promotion.handler.js';
import { WithdrawPromotionCommand } from '../promotions/withdraw-promotion/withdraw-promotion.handler.js';
import { RecordTrainingCommand } from '../trainings/record-training/record-training.handler.js';
import type { RecordTrainingRequest } from '../trainings/record-training/record-training.request.dto.js';
import { DEFAULT_SEED_EMPLOYEES, planDemoData, type PlannedActor, type PlannedCase, type PlannedFact } from './demo-plan.js';
import { DEMO_USERS, type DemoUser } from './demo-users.js';
import { SeedClock } from './seed-clock.js';
import { SeedModule } from './seed.module.js';

export interface DemoSeedOptions {
  /** The seed's own connection pool to the target database (migrated). */
  dataSource: DataSource;
  /** The present the demo data leads up to (default: the system clock). */
  now?: Date;
  /** About how many employees (default 2,000; the demo users included). */
  employees?: number;
  seed?: number;
  /** Seed a database that already has employees (new NIPs; existing ones are left alone). */
  force?: boolean;
  /** Commands in flight at once (default 12). */
  concurrency?: number;
  onProgress?(progress: { done: number; total: number; phase: SeedPhase }): void;
}

export type SeedPhase = 'agencies' | 'employees' | 'appraisals, trainings, sanctions' | 'promotion cases';

export interface DemoSeedResult {
  seeded: boolean;
  /** Why nothing was seeded. */
  reason?: string;
  durationMs: number;
  now: string;
  counts: {
    agencies: number;
    employees: number;
    appraisals: number;
    trainings: number;
    sanctions: number;
    cases: number;
    slaBreaches: number;
    commands: number;
    events: number;
  };
  caseStatuses: Record<string, number>;
  failures: string[];
  demoUsers: readonly DemoUser[];
}

const errorCode = (error: unknown): string | undefined => (error as { code?: string })?.code;

/**
 * Builds the demo data through the command path (CommandBus → handlers → CommandExecutor →
 * event store), each command at its planned moment of the past. Refuses a database that already
 * has employees unless `force`.
 */
export async function runDemoSeed(options: DemoSeedOptions): Promise<DemoSeedResult> {
  const started = performance.now();
  const { dataSource } = options;
  const now = options.now ?? new Date();
  const existing = new Set(await dataFieldOfType(dataSource, 'EmployeeRegistered', 'nip'));
  const empty: DemoSeedResult['counts'] = {
    agencies: 0,
    employees: 0,
    appraisals: 0,
    trainings: 0,
    sanctions: 0,
    cases: 0,
    slaBreaches: 0,
    commands: 0,
    events: 0,
  };
  if (existing.size > 0 && !options.force) {
    return {
      seeded: false,
      reason: `the database already has ${existing.size} employees; run with --force to add demo data anyway`,
      durationMs: performance.now() - started,
      now: now.toISOString(),
      counts: empty,
      caseStatuses: {},
      failures: [],
      demoUsers: DEMO_USERS,
    };
  }

  const plan = planDemoData({
    now,
    employees: options.employees ?? DEFAULT_SEED_EMPLOYEES,
    seed: existing.size > 0 ? (options.seed ?? 1) ^ now.getTime() : options.seed,
    existingNips: existing,
  });
  const clock = new SeedClock(now);
  // No `logger` option: Nest would install it process-wide, silencing (or replacing) the host app's logs.
  const app = await NestFactory.createApplicationContext(SeedModule.forRoot({ dataSource, clock }), { abortOnError: false });
  const bus = app.get(CommandBus);
  const store = new EventStore(dataSource);
  const concurrency = options.concurrency ?? 12;
  const failures: string[] = [];
  const counts = { ...empty };
  const statuses: Record<string, number> = {};
  let done = 0;
  let phase: SeedPhase = 'agencies';
  const tick = () => {
    done += 1;
    options.onProgress?.({ done, total: plan.commands, phase });
  };
  let fatal: unknown = null;
  const fail = (what: string, error: unknown) => {
    // A refused command is reported and the seed goes on; a database gone away ends it.
    const code = errorCode(error);
    if (!(error instanceof ConcurrencyConflictError) && (code === undefined || !(code in STATUS_BY_CODE))) fatal ??= error;
    if (failures.length < 50)
      failures.push(`${what}: ${errorCode(error) ?? ''} ${error instanceof Error ? error.message : String(error)}`.trim());
  };

  const context = (agency: string, actor: PlannedActor, route: string, body: unknown): CommandContext => ({
    actor: { nip: actor.nip, agency, roles: actor.roles },
    correlationId: randomUUID(),
    idempotencyKey: null,
    name: `POST ${route.replace(/\/api\/promotions\/[^/]+/, '/api/promotions/:caseId').replace(/\/api\/(employees|agencies)\/[^/]+\//, '/api/$1/:id/')}`,
    request: { method: 'POST', route, body: body ?? null },
  });
  /** One command at its moment; a lost race (the live SLA clock, say) is retried on the new state. */
  const execute = async <T = Record<string, unknown>>(at: string, command: object): Promise<T> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = (await clock.at(at, () => bus.execute(command))) as CommandResult<T>;
        return result.body;
      } catch (error) {
        if (attempt < 3 && (error instanceof ConcurrencyConflictError || errorCode(error) === 'CONCURRENCY_CONFLICT')) continue;
        throw error;
      }
    }
  };

  try {
    options.onProgress?.({ done, total: plan.commands, phase });
    for (const agency of plan.agencies) {
      const body = { name: agency.name, timeZone: agency.timeZone, holidays: agency.holidays } as ConfigureAgencyRequest;
      try {
        await execute(
          agency.at,
          new ConfigureAgencyCommand(
            context(agency.agencyId, agency.actor, `/api/agencies/${agency.agencyId}`, body),
            agency.agencyId,
            body,
          ),
        );
        counts.agencies += 1;
      } catch (error) {
        fail(`configure ${agency.agencyId}`, error);
      }
      tick();
    }

    phase = 'employees';
    await inParallel(
      plan.employees,
      concurrency,
      () => fatal !== null,
      async (employee) => {
        try {
          const body = employee.body as RegisterEmployeeRequest;
          await execute(employee.at, new RegisterEmployeeCommand(context(employee.agency, employee.actor, '/api/employees', body), body));
          counts.employees += 1;
        } catch (error) {
          fail(`register ${employee.body.nip}`, error);
        }
        tick();
      },
    );

    phase = 'appraisals, trainings, sanctions';
    await inParallel(
      plan.facts,
      concurrency,
      () => fatal !== null,
      async (fact) => {
        try {
          await recordFact(fact);
        } catch (error) {
          fail(`${fact.kind} ${fact.body.nip}`, error);
        }
        tick();
      },
    );

    phase = 'promotion cases';
    await inParallel(
      plan.cases,
      concurrency,
      () => fatal !== null,
      async (planned) => {
        const status = await runCase(planned);
        statuses[status] = (statuses[status] ?? 0) + 1;
      },
    );
  } finally {
    await app.close();
  }
  if (fatal !== null) throw fatal;

  counts.events = await countEvents(dataSource);
  counts.commands = done;
  return {
    seeded: true,
    durationMs: performance.now() - started,
    now: now.toISOString(),
    counts,
    caseStatuses: statuses,
    failures,
    demoUsers: DEMO_USERS,
  };

  async function recordFact(fact: PlannedFact): Promise<void> {
    switch (fact.kind) {
      case 'appraisal': {
        const body = fact.body as SubmitAppraisalRequest;
        await execute(fact.at, new SubmitAppraisalCommand(context(fact.agency, fact.actor, '/api/appraisals', body), body));
        counts.appraisals += 1;
        return;
      }
      case 'training': {
        const body = fact.body as RecordTrainingRequest;
        await execute(fact.at, new RecordTrainingCommand(context(fact.agency, fact.actor, '/api/trainings', body), body));
        counts.trainings += 1;
        return;
      }
      case 'sanction': {
        const { nip, ...rest } = fact.body;
        const body = rest as ImposeSanctionRequest;
        await execute(
          fact.at,
          new ImposeSanctionCommand(context(fact.agency, fact.actor, `/api/employees/${nip}/sanctions`, body), nip, body),
        );
        counts.sanctions += 1;
        return;
      }
    }
  }

  /** One case's steps in order; returns the status it ends in. */
  async function runCase(planned: PlannedCase): Promise<string> {
    const [first, ...rest] = planned.steps;
    const proposal = planned.proposal as ProposePromotionRequest;
    let caseId: string;
    let status = 'IN_PROGRESS';
    try {
      caseId = (
        await execute<{ caseId: string }>(
          first.at,
          new ProposePromotionCommand(context(planned.agency, first.actor, '/api/promotions', proposal), proposal),
        )
      ).caseId;
      counts.cases += 1;
    } catch (error) {
      fail(`propose ${proposal.nip} (${planned.scenario})`, error);
      done += planned.steps.length - 1;
      tick();
      return 'FAILED';
    }
    tick();
    for (const step of rest) {
      const route = `/api/promotions/${caseId}`;
      try {
        switch (step.action) {
          case 'decide': {
            const body = { decision: step.decision, ...(step.reason ? { reason: step.reason } : {}) } as DecidePromotionRequest;
            status = (
              await execute<{ status: string }>(
                step.at,
                new DecidePromotionCommand(context(planned.agency, step.actor, `${route}/decisions`, body), caseId, body),
              )
            ).status;
            break;
          }
          case 'claim':
            await execute(step.at, new ClaimPromotionCommand(context(planned.agency, step.actor, `${route}/claim`, {}), caseId));
            break;
          case 'resubmit':
            status = (
              await execute<{ status: string }>(
                step.at,
                new ResubmitPromotionCommand(context(planned.agency, step.actor, `${route}/resubmission`, {}), caseId),
              )
            ).status;
            break;
          case 'withdraw':
            status = (
              await execute<{ status: string }>(
                step.at,
                new WithdrawPromotionCommand(
                  context(planned.agency, step.actor, `${route}/withdrawal`, { reason: step.reason ?? null }),
                  caseId,
                  step.reason ?? null,
                ),
              )
            ).status;
            break;
          case 'breach':
            if (await recordSlaBreach(store, caseId, step.at)) counts.slaBreaches += 1;
            break;
          case 'propose':
            break;
        }
      } catch (error) {
        fail(`${step.action} ${caseId} (${planned.scenario})`, error);
      }
      tick();
    }
    return status;
  }
}

async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  stop: () => boolean,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

/**
 * The seed's own pool. Its commits do not wait for the disk (`synchronous_commit = off`, this
 * pool's sessions only): it is demo data, and a crash would lose at most the last moments of it.
 */
export async function openSeedDataSource(url: string, poolSize = 12): Promise<DataSource> {
  const { DataSource: TypeOrmDataSource } = await import('typeorm');
  const dataSource = new TypeOrmDataSource({
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: poolSize, application_name: 'jenjang-seed', options: '-c synchronous_commit=off' },
  });
  await dataSource.initialize();
  return dataSource;
}
