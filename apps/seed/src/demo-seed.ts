import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import {
  CommandRunner,
  claimPromotion,
  configureAgency,
  decidePromotion,
  declareConflict,
  grantDelegation,
  imposeSanction,
  markSlaBreached,
  proposePromotion,
  recordEducation,
  recordServiceExam,
  recordTraining,
  registerEmployee,
  resubmitPromotion,
  slaClockContext,
  stateCreditPoints,
  submitAppraisal,
  uploadPromotionDocument,
  withdrawPromotion,
  type AnyUseCase,
  type CommandContext,
  type ConfigureAgencyInput,
  type DecidePromotionInput,
  type ImposeSanctionInput,
  type ProposePromotionInput,
  type RecordTrainingInput,
  type RegisterEmployeeInput,
  type SubmitAppraisalInput,
} from '#application';
import { DomainError, type DocumentType, type StageDecision } from '#domain';
import { loadNationalReference } from '#config';
import { CommandStore, ConcurrencyConflictError, PostgresDocumentStorage, countEvents, dataFieldOfType } from '#event-store';
import { demoPdf } from './demo-documents.js';
import { DEFAULT_SEED_EMPLOYEES, planDemoData, type PlannedActor, type PlannedCase, type PlannedFact } from './demo-plan.js';
import type { PlannedStep } from './demo-plan-model.js';
import { DEMO_USERS, type DemoUser } from '#demo';
import { SeedClock } from './seed-clock.js';

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

export type SeedPhase = 'agencies' | 'employees' | 'appraisals, trainings, records, delegations' | 'promotion cases';

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
    /** Education records, PAKs and service exams. */
    records: number;
    delegations: number;
    cases: number;
    documents: number;
    perteks: number;
    decrees: number;
    conflicts: number;
    /** Decrees refused as planned (an active sanction on the decree date). */
    refusedDecrees: number;
    slaBreaches: number;
    commands: number;
    events: number;
  };
  caseStatuses: Record<string, number>;
  /** Cases per KP kind. */
  caseKinds: Record<string, number>;
  failures: string[];
  demoUsers: readonly DemoUser[];
}

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
    records: 0,
    delegations: 0,
    cases: 0,
    documents: 0,
    perteks: 0,
    decrees: 0,
    conflicts: 0,
    refusedDecrees: 0,
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
      caseKinds: {},
      failures: [],
      demoUsers: DEMO_USERS,
    };
  }

  const reference = loadNationalReference();
  const plan = planDemoData({
    reference,
    now,
    employees: options.employees ?? DEFAULT_SEED_EMPLOYEES,
    seed: existing.size > 0 ? (options.seed ?? 1) ^ now.getTime() : options.seed,
    existingNips: existing,
  });
  const clock = new SeedClock(now);
  // The command path itself, without HTTP: the same runner the api and the SLA clock use.
  const runner = new CommandRunner(new CommandStore(dataSource), clock, reference);
  const storage = new PostgresDocumentStorage(dataSource);
  const concurrency = options.concurrency ?? 12;
  const failures: string[] = [];
  const counts = { ...empty };
  const statuses: Record<string, number> = {};
  const kinds: Record<string, number> = {};
  let done = 0;
  let phase: SeedPhase = 'agencies';
  const tick = () => {
    done += 1;
    options.onProgress?.({ done, total: plan.commands, phase });
  };
  let fatal: unknown = null;
  const fail = (what: string, error: unknown) => {
    // A refused command is reported and the seed goes on; a database gone away ends it.
    if (!(error instanceof DomainError) || error.code === 'UNAVAILABLE' || error.code === 'INTERNAL') fatal ??= error;
    if (failures.length < 50)
      failures.push(
        `${what}: ${error instanceof DomainError ? error.code : ''} ${error instanceof Error ? error.message : String(error)}`.trim(),
      );
  };

  const context = (agency: string, actor: PlannedActor, route: string, body: unknown): CommandContext => ({
    actor: { nip: actor.nip, agency, roles: actor.roles },
    correlationId: randomUUID(),
    idempotencyKey: null,
    request: { method: 'POST', route, body: body ?? null },
  });
  /** One command at its moment; a lost race (the live SLA clock, say) is retried on the new state. */
  const execute = async <T = Record<string, unknown>>(at: string, useCase: AnyUseCase, input: object, ctx: CommandContext): Promise<T> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return (await clock.at(at, () => runner.run(useCase, input, ctx))) as T;
      } catch (error) {
        if (attempt < 3 && error instanceof ConcurrencyConflictError) continue;
        throw error;
      }
    }
  };

  try {
    options.onProgress?.({ done, total: plan.commands, phase });
    for (const agency of plan.agencies) {
      const body = {
        name: agency.name,
        timeZone: agency.timeZone,
        holidays: agency.holidays,
        units: agency.units,
        signatory: agency.signatory,
      };
      try {
        const input: ConfigureAgencyInput = { ...body, agencyId: agency.agencyId };
        await execute(agency.at, configureAgency, input, context(agency.agencyId, agency.actor, `/api/agencies/${agency.agencyId}`, body));
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
          const body = employee.body as RegisterEmployeeInput;
          await execute(employee.at, registerEmployee, body, context(employee.agency, employee.actor, '/api/employees', body));
          counts.employees += 1;
        } catch (error) {
          fail(`register ${employee.body.nip}`, error);
        }
        tick();
      },
    );

    phase = 'appraisals, trainings, records, delegations';
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
        if (status !== 'FAILED') kinds[planned.proposal.kind] = (kinds[planned.proposal.kind] ?? 0) + 1;
      },
    );
  } finally {
    // Nothing to close: the runner uses the caller's pool.
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
    caseKinds: kinds,
    failures,
    demoUsers: DEMO_USERS,
  };

  async function recordFact(fact: PlannedFact): Promise<void> {
    switch (fact.kind) {
      case 'appraisal': {
        const body = fact.body as SubmitAppraisalInput;
        await execute(fact.at, submitAppraisal, body, context(fact.agency, fact.actor, '/api/appraisals', body));
        counts.appraisals += 1;
        return;
      }
      case 'training': {
        const body = fact.body as RecordTrainingInput;
        await execute(fact.at, recordTraining, body, context(fact.agency, fact.actor, '/api/trainings', body));
        counts.trainings += 1;
        return;
      }
      case 'sanction': {
        const { nip, ...rest } = fact.body;
        const body = rest as Omit<ImposeSanctionInput, 'nip'>;
        await execute(fact.at, imposeSanction, { ...body, nip }, context(fact.agency, fact.actor, `/api/employees/${nip}/sanctions`, body));
        counts.sanctions += 1;
        return;
      }
      case 'education': {
        const { nip, ...body } = fact.body;
        await execute(fact.at, recordEducation, fact.body, context(fact.agency, fact.actor, `/api/employees/${nip}/education`, body));
        counts.records += 1;
        return;
      }
      case 'credit-points': {
        const { nip, ...body } = fact.body;
        await execute(fact.at, stateCreditPoints, fact.body, context(fact.agency, fact.actor, `/api/employees/${nip}/credit-points`, body));
        counts.records += 1;
        return;
      }
      case 'service-exam': {
        const { nip, ...body } = fact.body;
        await execute(fact.at, recordServiceExam, fact.body, context(fact.agency, fact.actor, `/api/employees/${nip}/service-exams`, body));
        counts.records += 1;
        return;
      }
      case 'delegation': {
        const { nip, delegationId, ...rest } = fact.body;
        const body = { delegateNip: nip, ...rest };
        await execute(fact.at, grantDelegation, { ...body, delegationId }, context(fact.agency, fact.actor, '/api/delegations', body));
        counts.delegations += 1;
        return;
      }
    }
  }

  /** One case's steps in order; returns the status it ends in. */
  async function runCase(planned: PlannedCase): Promise<string> {
    const [first, ...rest] = planned.steps;
    const proposal = planned.proposal as ProposePromotionInput;
    let caseId: string;
    let status = 'IN_PROGRESS';
    try {
      caseId = (
        await execute<{ caseId: string }>(
          first.at,
          proposePromotion,
          proposal,
          context(planned.agency, first.actor, '/api/promotions', proposal),
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
          case 'upload': {
            const doc = step.document as NonNullable<typeof step.document>;
            const { sha256, size } = await storage.put(demoPdf(doc.title, doc.lines), 'application/pdf');
            const input = {
              caseId,
              documentId: doc.documentId,
              type: doc.type as DocumentType,
              name: doc.name,
              sha256,
              size,
              mediaType: 'application/pdf',
            };
            await execute(
              step.at,
              uploadPromotionDocument,
              input,
              context(planned.agency, step.actor, `${route}/documents?type=${doc.type}&name=${encodeURIComponent(doc.name)}`, null),
            );
            counts.documents += 1;
            break;
          }
          case 'decide': {
            const body = decisionBody(step);
            status = (
              await execute<{ status: string }>(
                step.at,
                decidePromotion,
                { ...body, caseId } as DecidePromotionInput,
                context(planned.agency, step.actor, `${route}/decisions`, body),
              )
            ).status;
            if (step.pertek) counts.perteks += 1;
            if (step.decree) counts.decrees += 1;
            break;
          }
          case 'refused-decree': {
            // The plan expects this decree to be refused: the candidate serves a sanction on its date.
            const body = decisionBody({ ...step, decision: 'APPROVE' });
            try {
              await execute(
                step.at,
                decidePromotion,
                { ...body, caseId } as DecidePromotionInput,
                context(planned.agency, step.actor, `${route}/decisions`, body),
              );
              fail(`refused-decree ${caseId} (${planned.scenario})`, new Error('the decree was issued despite the active sanction'));
            } catch (error) {
              if (!(error instanceof DomainError) || error.code !== 'SANCTION_ACTIVE') throw error;
              counts.refusedDecrees += 1;
            }
            break;
          }
          case 'conflict': {
            const body = { reason: step.reason ?? 'Konflik kepentingan' };
            await execute(
              step.at,
              declareConflict,
              { ...body, caseId },
              context(planned.agency, step.actor, `${route}/conflict-of-interest`, body),
            );
            counts.conflicts += 1;
            break;
          }
          case 'claim':
            await execute(step.at, claimPromotion, { caseId }, context(planned.agency, step.actor, `${route}/claim`, {}));
            break;
          case 'resubmit':
            status = (
              await execute<{ status: string }>(
                step.at,
                resubmitPromotion,
                { caseId },
                context(planned.agency, step.actor, `${route}/resubmission`, {}),
              )
            ).status;
            break;
          case 'withdraw':
            status = (
              await execute<{ status: string }>(
                step.at,
                withdrawPromotion,
                { caseId, reason: step.reason ?? null },
                context(planned.agency, step.actor, `${route}/withdrawal`, { reason: step.reason ?? null }),
              )
            ).status;
            break;
          case 'breach':
            if ((await execute<{ position: number }>(step.at, markSlaBreached, { caseId }, slaClockContext())).position > 0)
              counts.slaBreaches += 1;
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

/** A decision's body as the API takes it: verdicts, the pertek, the decree. */
function decisionBody(step: PlannedStep): Record<string, unknown> & { decision: StageDecision } {
  return {
    decision: step.decision as StageDecision,
    ...(step.reason ? { reason: step.reason } : {}),
    ...(step.verdicts ? { documents: step.verdicts } : {}),
    ...(step.pertek ? { pertekNumber: step.pertek.number, pertekDate: step.pertek.date } : {}),
    ...(step.decree ? { decreeNumber: step.decree.number, decreeDate: step.decree.date } : {}),
  };
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
