import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { sharedFor } from './shared-result.js';

/** How long a probe's database reads (readiness, scrape-time gauges) are shared by every caller. */
export const PROBE_MAX_AGE_MS = 1000;

/**
 * The process's Prometheus metrics. Gauges that need a database read are filled at scrape time
 * by collectors registered by the modules that own the numbers (relay, projector).
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'jenjang_http_requests_total',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'jenjang_http_request_duration_seconds',
    help: 'HTTP request latency by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly commands = new Counter({
    name: 'jenjang_commands_total',
    help: 'Commands by name and outcome (ok or the error code)',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly commandDuration = new Histogram({
    name: 'jenjang_command_duration_seconds',
    help: 'Command latency from validation to commit',
    labelNames: ['command'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  readonly relayLag = new Gauge({
    name: 'jenjang_relay_lag_events',
    help: 'Global positions the relay is behind the head of the log: 0 when caught up, else about the events not published yet',
    registers: [this.registry],
  });

  readonly relayPublished = new Counter({
    name: 'jenjang_relay_published_events_total',
    help: 'Events published by this relay (at least once)',
    registers: [this.registry],
  });

  readonly projectionLag = new Gauge({
    name: 'jenjang_projection_lag_events',
    help: 'Committed events a projection has not applied yet',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  readonly slaBreaches = new Counter({
    name: 'jenjang_sla_breaches_total',
    help: 'PromotionSlaBreached events recorded by this process',
    registers: [this.registry],
  });

  readonly deadLettered = new Gauge({
    name: 'jenjang_kafka_dead_lettered_total',
    help: 'Messages this consumer sent to the dead-letter topic',
    registers: [this.registry],
  });

  readonly consumerRetries = new Gauge({
    name: 'jenjang_kafka_handler_retries_total',
    help: 'Handler retries of this consumer',
    registers: [this.registry],
  });

  readonly readinessComputations = new Counter({
    name: 'jenjang_readiness_computations_total',
    help: 'Times /health read its dependencies (at most once a second, shared by every caller)',
    registers: [this.registry],
  });

  private readonly collectors: (() => Promise<void>)[] = [];

  // /metrics is public: its gauges' database reads run at most once a second, whoever scrapes.
  private readonly collect = sharedFor(PROBE_MAX_AGE_MS, async () => {
    await Promise.all(this.collectors.map((c) => c().catch(() => undefined)));
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'jenjang_' });
  }

  /** Runs before every scrape; a failing collector leaves its gauge as it was. */
  onScrape(collect: () => Promise<void>): void {
    this.collectors.push(collect);
  }

  async render(): Promise<string> {
    await this.collect();
    return this.registry.metrics();
  }
}
