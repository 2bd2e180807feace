import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { DataSource } from 'typeorm';
import { Public } from '#auth';
import { DATA_SOURCE, EventStore, START_OF_LOG } from '#event-store';
import { TRANSPORT, type Transport } from '#messaging';
import { Metrics } from '#platform';
import { ALL_PROJECTIONS, projectionProgress } from '#projections';
import { ApiRoute } from '../http/openapi.js';

/** Events pending while their consumer has not moved for this long means it is stuck. */
const STALL_SECONDS = 60;

/*
 * A probe costs a few index lookups at any log size: lags are positions behind the head of the
 * log (EventStore.positionsBehind), 0 exactly when a consumer has caught up, not counts of rows.
 */

@ApiTags('operations')
@ApiRoute()
@Controller()
export class HealthController {
  private readonly store: EventStore;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly metrics: Metrics,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TRANSPORT) private readonly transport: Transport,
  ) {
    this.store = new EventStore(dataSource);
  }

  @Get('health')
  @Public()
  @HealthCheck()
  @ApiOkResponse({
    description: 'Database and transport answer; relay and projections are not stalled',
    schema: {
      example: {
        status: 'ok',
        info: {
          database: { status: 'up' },
          transport: { status: 'up', kind: 'in-process' },
          relay: { status: 'up', lag: 0 },
          projections: { status: 'up', lag: { agencies: 0, career: 0, 'promotion-cases': 0 } },
        },
      },
    },
  })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down or a consumer is stalled' })
  check() {
    return this.health.check([
      async () => {
        const indicator = this.indicators.check('database');
        try {
          await this.dataSource.query('SELECT 1');
          return indicator.up();
        } catch (error) {
          return indicator.down({ message: error instanceof Error ? error.message : String(error) });
        }
      },
      async () => {
        const indicator = this.indicators.check('transport');
        const up = await this.transport.health().catch(() => false);
        return up ? indicator.up({ kind: this.transport.kind }) : indicator.down({ kind: this.transport.kind });
      },
      async () => {
        const indicator = this.indicators.check('relay');
        const checkpoint = await this.store.relayCheckpoint('main');
        const [lag] = await this.store.positionsBehind([checkpoint?.position ?? START_OF_LOG]);
        const stalled = !checkpoint || checkpoint.secondsSinceUpdate > STALL_SECONDS;
        return lag > 0 && stalled ? indicator.down({ lag, message: `no progress for ${STALL_SECONDS} s` }) : indicator.up({ lag });
      },
      async () => {
        const indicator = this.indicators.check('projections');
        const [progress, [{ now }]] = await Promise.all([
          projectionProgress(
            this.dataSource,
            ALL_PROJECTIONS.map((p) => p.name),
          ),
          this.dataSource.query('SELECT now() AS now') as Promise<{ now: Date }[]>,
        ]);
        const lag = Object.fromEntries(progress.map((p) => [p.projection, p.lag]));
        const stalled = progress.filter((p) => p.lag > 0 && (!p.updatedAt || now.getTime() - p.updatedAt.getTime() > STALL_SECONDS * 1000));
        return stalled.length > 0 ? indicator.down({ lag, stalled: stalled.map((p) => p.projection) }) : indicator.up({ lag });
      },
    ]);
  }

  @Get('metrics')
  @Public()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus metrics: commands, HTTP, relay and projection lag, SLA breaches, dead letters' })
  metricsText(): Promise<string> {
    return this.metrics.render();
  }
}
