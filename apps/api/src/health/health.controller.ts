import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '#auth';
import { Metrics } from '#platform';
import { ApiError } from '../http/api-error.js';
import { toApiError } from '../http/error.filter.js';
import { ApiRoute } from '../http/openapi.js';
import { Readiness } from './readiness.js';

@ApiTags('operations')
@ApiRoute()
@Controller()
export class HealthController {
  constructor(
    private readonly readiness: Readiness,
    private readonly metrics: Metrics,
  ) {}

  @Get('health/live')
  @Public()
  @ApiOkResponse({ description: 'Liveness: the process answers HTTP. No I/O', schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health')
  @Public()
  @HealthCheck()
  @ApiOkResponse({
    description:
      'Readiness: the database and the transport answer. Relay and projection lag are reported; computed at most once a second and shared',
    schema: {
      example: {
        status: 'ok',
        info: {
          database: { status: 'up' },
          transport: { status: 'up', kind: 'in-process' },
          relay: { status: 'up', lag: 0, stalled: false },
          projections: { status: 'up', lag: { agencies: 0, career: 0, 'promotion-cases': 0 }, stalled: [] },
        },
      },
    },
  })
  @ApiServiceUnavailableResponse({
    description: '503 UNAVAILABLE: the database or the transport does not answer; `details` says which and why',
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const report = await this.readiness.report();
    if (report.status === 'ok') return report;
    // Answered here, not thrown: the readiness computation already logged it once for every caller.
    const down = Object.keys(report.error ?? {});
    const body = toApiError(new ApiError('UNAVAILABLE', `Not ready: ${down.join(', ') || report.status}`, report));
    void reply.status(body.statusCode);
    return body;
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
