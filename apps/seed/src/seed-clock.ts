import { AsyncLocalStorage } from 'node:async_hooks';
import { ManualClock } from '#config';

/**
 * A ManualClock the seed sets per command: `at(instant, work)` runs `work` with the clock reading
 * `instant`, so commands of the past run concurrently, each at its own moment (the command path
 * reads the CLOCK once per command). Outside `at`, it reads like a ManualClock.
 */
export class SeedClock extends ManualClock {
  private readonly scope = new AsyncLocalStorage<number>();

  override now(): Date {
    const at = this.scope.getStore();
    return at === undefined ? super.now() : new Date(at);
  }

  at<T>(instant: string | number | Date, work: () => Promise<T>): Promise<T> {
    return this.scope.run(new Date(instant).getTime(), work);
  }
}
