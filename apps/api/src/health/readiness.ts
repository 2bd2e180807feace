import { HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult, type HealthIndicatorResult } from '@nestjs/terminus';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, EventStore, START_OF_LOG } from '#event-store';
import { TRANSPORT, type Transport } from '#messaging';
import { Metrics, PROBE_MAX_AGE_MS, sharedFor } from '#platform';
import { ALL_PROJECTIONS, projectionProgress } from '#projections';

/** Events pending while their consumer has not moved for this long means it is stuck. */
const STALL_SECONDS = 60;
/** A check that has not answered by then is down (below a probe's usual 3 s timeout). */
const CHECK_TIMEOUT_MS = 2000;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Readiness: the database and the transport answer. The relay and the projections are reported
 * (lag, stalled) but do not take the api out of service: it still takes commands while they
 * catch up. Computed at most once a second and shared by every concurrent caller, so a crowd of
 * unauthenticated probes costs the database a handful of index lookups a second, not a query each.
 * A probe costs a few index lookups at any log size: lags are positions behind the head of the log
 * (EventStore.positionsBehind), 0 exactly when a consumer has caught up, not counts of rows.
 */
@Injectable()
export class Readiness {
  private readonly logger = new Logger('Health');
  private readonly store: EventStore;
  readonly report: () => Promise<HealthCheckResult> = sharedFor(PROBE_MAX_AGE_MS, () => this.compute());

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly metrics: Metrics,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TRANSPORT) private readonly transport: Transport,
  ) {
    this.store = new EventStore(dataSource);
  }

  private async compute(): Promise<HealthCheckResult> {
    this.metrics.readinessComputations.inc();
    let result: HealthCheckResult;
    try {
      result = await this.health.check([
        () => this.checked('database', async () => (await this.dataSource.query('SELECT 1'), {})),
        () =>
          this.checked('transport', async () => {
            if (!(await this.transport.health())) throw new Error(`the ${this.transport.kind} transport does not answer`);
            return { kind: this.transport.kind };
          }),
        () => this.checked('relay', () => this.relay()),
        () => this.checked('projections', () => this.projections()),
      ]);
    } catch (error) {
      // Terminus answers a check that is down (or a shutdown) with a 503 carrying the whole result.
      if (!(error instanceof HttpException)) throw error;
      result = error.getResponse() as HealthCheckResult;
    }
    if (result.status !== 'ok') {
      const down = Object.fromEntries(Object.entries(result.error ?? {}).map(([name, value]) => [name, value?.message ?? 'down']));
      // One line per computation (at most one a second), no stack: the cause is in `down`.
      this.logger.warn({ status: result.status, down }, `not ready: ${Object.keys(down).join(', ') || result.status}`);
    }
    return result;
  }

  /** Runs one check; a failure or a timeout is that check down with its message, never an exception. */
  private async checked(name: string, check: () => Promise<Record<string, unknown>>): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(name);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    try {
      return indicator.up(await Promise.race([check(), timeout]));
    } catch (error) {
      return indicator.down({ message: messageOf(error) });
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Stalled: the first event it has not published has waited over STALL_SECONDS and its checkpoint
   * has not moved for as long. No checkpoint yet is a relay that has published nothing, not a stuck one.
   */
  private async relay(): Promise<Record<string, unknown>> {
    const checkpoint = await this.store.relayCheckpoint('main');
    const from = checkpoint?.position ?? START_OF_LOG;
    const [[lag], waiting] = await Promise.all([this.store.positionsBehind([from]), this.store.secondsWaitingAfter(from)]);
    const stalled = waiting !== null && waiting > STALL_SECONDS && (!checkpoint || checkpoint.secondsSinceUpdate > STALL_SECONDS);
    return { lag, stalled, ...(stalled ? { message: `events pending and no progress for ${STALL_SECONDS} s` } : {}) };
  }

  private async projections(): Promise<Record<string, unknown>> {
    const [progress, [{ now }]] = await Promise.all([
      projectionProgress(
        this.dataSource,
        ALL_PROJECTIONS.map((p) => p.name),
      ),
      this.dataSource.query('SELECT now() AS now') as Promise<{ now: Date }[]>,
    ]);
    const lag = Object.fromEntries(progress.map((p) => [p.projection, p.lag]));
    const stalled = progress
      .filter((p) => p.lag > 0 && (!p.updatedAt || now.getTime() - p.updatedAt.getTime() > STALL_SECONDS * 1000))
      .map((p) => p.projection);
    return { lag, stalled };
  }
}
