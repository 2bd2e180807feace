import type { DataSource, QueryRunner } from 'typeorm';

export interface LeaderWorkerLogger {
  log(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

export interface LeaderWorkerTiming {
  /** Pause when a batch found nothing to do. */
  pollMs: number;
  /** How often a standby retries for leadership. */
  standbyRetryMs: number;
}

/**
 * A polling loop that runs only while it holds a session advisory lock on a connection of its own,
 * so one instance per lock key is active and the others stand by. Subclasses write through
 * `runner`: if that connection dies, so does the lock, and the write fails instead of racing.
 * Used by the relay and the ledger sequencer.
 */
export abstract class LeaderWorker {
  protected runner: QueryRunner | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  protected abstract readonly status: { leader: boolean; lastError: string | null };

  constructor(
    protected readonly dataSource: DataSource,
    private readonly lockKey: string,
    private readonly timing: LeaderWorkerTiming,
    protected readonly logger: LeaderWorkerLogger,
    /** Names the worker in its log lines ("relay", "ledger"). */
    private readonly label: string,
  ) {}

  /** One batch; the number of items it handled, 0 when there was nothing to do. */
  protected abstract step(): Promise<number>;

  /** Runs on the lock-holding connection right after leadership was taken (load state, log). */
  protected abstract onLeadership(runner: QueryRunner): Promise<void>;

  /** Forgets what was loaded under the lock. */
  protected onLeadershipLost(): void {}

  /** Waits before the first batch (the relay waits for an in-process subscriber). */
  protected beforeLoop(): Promise<void> | void {}

  /** Waits for in-flight work started outside the loop (drain) before the lock is let go. */
  protected settle(): Promise<unknown> | undefined {
    return undefined;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Lets the batch in flight finish, then gives up leadership. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
    await this.settle();
    await this.releaseLeadership();
  }

  /** Skips the poll delay (e.g. right after a local append). */
  nudge(): void {
    this.wake?.();
  }

  /** Takes leadership once; false if another instance holds it. */
  async acquireLeadership(): Promise<boolean> {
    if (this.runner) return true;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }]: { locked: boolean }[] = await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [this.lockKey]);
      if (!locked) {
        await runner.release();
        return false;
      }
      this.runner = runner;
      await this.onLeadership(runner);
    } catch (error) {
      this.runner = null;
      await runner.release();
      throw error;
    }
    this.status.leader = true;
    return true;
  }

  async releaseLeadership(): Promise<void> {
    const runner = this.runner;
    this.runner = null;
    this.status.leader = false;
    this.onLeadershipLost();
    if (!runner) return;
    try {
      await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [this.lockKey]);
    } catch {
      // The connection is gone, and the lock with it.
    } finally {
      await runner.release();
    }
  }

  /** Resolves when `promise` does or when the worker is stopped, whichever comes first. */
  protected async untilStopped(promise: Promise<unknown>): Promise<void> {
    const stopped = new Promise<void>((resolve) => (this.wake = resolve));
    await Promise.race([promise, stopped]);
    this.wake = null;
  }

  private async run(): Promise<void> {
    await this.beforeLoop();
    let failures = 0;
    let failingSince = 0;
    while (this.running) {
      try {
        if (!(await this.acquireLeadership())) {
          await this.sleep(this.timing.standbyRetryMs);
          continue;
        }
        const handled = await this.step();
        // Said once, so an operator reading the failures knows when they ended.
        if (failures > 0) this.logger.log(`${this.label} recovered`, { failures, downMs: Date.now() - failingSince });
        failures = 0;
        this.status.lastError = null;
        if (handled === 0) await this.sleep(this.timing.pollMs);
      } catch (error) {
        failures += 1;
        if (failures === 1) failingSince = Date.now();
        this.status.lastError = error instanceof Error ? error.message : String(error);
        this.logger.error(`${this.label} batch failed; retrying`, { error: this.status.lastError, failures });
        // A lost connection may mean a lost lock: start over as a candidate.
        await this.releaseLeadership();
        await this.sleep(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
    await this.releaseLeadership();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}
