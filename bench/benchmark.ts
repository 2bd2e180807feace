/**
 * What every benchmark file implements and what the orchestrator hands it. A new benchmark is a
 * file exporting a `Benchmark`, plus one line in `run.ts`'s BENCHMARKS list.
 */

/** One line of the results table. */
export interface ResultRow {
  /** What was measured in this row, e.g. "8 writers, 1 event/tx". */
  case: string;
  /** The headline figure, formatted, e.g. "1,234 events/s" or "p50 9 / p99 21 / max 40 ms". */
  figure: string;
  /** Secondary figures and context. */
  detail?: string;
  /** The target, e.g. "≥ 50 %"; with `met` when the row can be judged against it. */
  aim?: string;
  met?: boolean;
}

/** What a benchmark's `run` returns. `data` holds the raw numbers for the JSON file and for later benchmarks. */
export interface BenchmarkOutcome<TData = unknown> {
  rows: ResultRow[];
  notes?: string[];
  data?: TData;
}

export interface BenchmarkResult<TData = unknown> extends BenchmarkOutcome<TData> {
  id: string;
  title: string;
  status: 'ok' | 'skipped' | 'failed';
  /** Why it was skipped or how it failed. */
  reason?: string;
  durationMs: number;
}

export interface Benchmark<TData = unknown> {
  /** Stable key in the JSON results and in `BENCH_ONLY`. */
  readonly id: string;
  /** Heading in the table. */
  readonly title: string;
  run(ctx: BenchContext): Promise<BenchmarkOutcome<TData>>;
}

/** Thrown by a benchmark that cannot run here (a missing tool, say): reported, not a failure. */
export class SkipBenchmark extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SkipBenchmark';
  }
}

export interface MachineFacts {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  postgresSettings: Record<string, string>;
  pgbench: string | null;
  kcat: string | null;
  gitCommit: string | null;
  /** 1, 5 and 15 minute load averages when the run started: other work on the machine skews every figure. */
  loadAverage: number[];
}

export interface BenchDatabase {
  /** The database the benchmarks share (`BENCH_DATABASE_URL`, or a fresh `jenjang_bench_<random>`). */
  url: string;
  name: string;
  /** How it was obtained, for the report. */
  origin: 'BENCH_DATABASE_URL' | 'local PostgreSQL' | 'embedded PostgreSQL';
}

export interface ProgressHandle {
  /** Absolute progress towards `total`, with optional short text shown beside the bar. */
  update(value: number, detail?: string): void;
  /** Ends the bar and prints one summary line. */
  done(summary: string): void;
}

export interface BenchSettings {
  /** Length of each fixed-duration case (appends, pgbench). BENCH_SECONDS, default 5. */
  seconds: number;
  /** Unmeasured warm-up before each append case. BENCH_WARMUP_SECONDS, default 1. */
  warmupSeconds: number;
  /** Latency samples per transport. BENCH_LATENCY_SAMPLES, default 500. */
  latencySamples: number;
  /** Commands per second during the latency runs. BENCH_LATENCY_RATE, default 50. */
  latencyRate: number;
}

export interface BenchContext {
  readonly machine: MachineFacts;
  readonly database: BenchDatabase;
  readonly settings: BenchSettings;
  /** Results of the benchmarks that already ran, by id (e.g. pgbench reads the append figures). */
  readonly results: ReadonlyMap<string, BenchmarkResult>;
  /**
   * An empty database on the same server, dropped when the run ends: for benchmarks that need a
   * store of their own (the latency runs start their relay and projections from an empty log).
   */
  freshDatabase(label: string): Promise<{ url: string; name: string }>;
  /** Runs at the end of the whole run (after every benchmark), in reverse order of registration. */
  onCleanup(fn: () => Promise<void>): void;
  progress(label: string, total: number, unit: string): ProgressHandle;
  log(line: string): void;
}

// ---- small helpers shared by the benchmarks ----

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export interface Distribution {
  n: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    min: sorted[0] ?? Number.NaN,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 12,345 */
export function fmtInt(value: number): string {
  return Number.isFinite(value) ? integer.format(value) : 'n/a';
}

/** Milliseconds with sensible precision: 0.42, 4.2, 42. */
export function fmtMs(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value < 1) return value.toFixed(2);
  if (value < 10) return value.toFixed(1);
  return value.toFixed(0);
}

export function fmtPercent(ratio: number): string {
  return Number.isFinite(ratio) ? `${(ratio * 100).toFixed(0)} %` : 'n/a';
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
