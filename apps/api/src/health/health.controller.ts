import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { DataSource } from 'typeorm';
import { Public } from '#auth';
import { DATA_SOURCE } from '#event-store';
import { TRANSPORT, type Transport } from '#messaging';
import { Metrics } from '#platform';
import { ALL_PROJECTIONS, projectionProgress } from '#projections';
import { ApiRoute } from '../http/openapi.js';

/** Events pending while their consumer has not moved for this long means it is stuck. */
const STALL_SECONDS = 60;

@ApiTags('operations')
@ApiRoute()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly metrics: Metrics,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TRANSPORT) private readonly transport: Transport,
  ) {}

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
        const [row]: { lag: string; stalled: boolean }[] = await this.dataSource.query(
          `WITH c AS (SELECT transaction_id, global_position, updated_at FROM relay_checkpoints WHERE name = 'main')
           SELECT (SELECT count(*) FROM events e
                   WHERE (e.transaction_id, e.global_position) >
                         coalesce((SELECT (transaction_id, global_position) FROM c), ('0'::xid8, 0::bigint))) AS lag,
                  coalesce((SELECT updated_at < now() - make_interval(secs => $1) FROM c), true) AS stalled`,
          [STALL_SECONDS],
        );
        const lag = Number(row.lag);
        return lag > 0 && row.stalled ? indicator.down({ lag, message: `no progress for ${STALL_SECONDS} s` }) : indicator.up({ lag });
      },
      async () => {
        const indicator = this.indicators.check('projections');
        const progress = await projectionProgress(
          this.dataSource,
          ALL_PROJECTIONS.map((p) => p.name),
        );
        const [{ now }]: { now: Date }[] = await this.dataSource.query('SELECT now() AS now');
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
