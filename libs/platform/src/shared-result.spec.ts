import { describe, expect, test } from '@jest/globals';
import { sharedFor } from './shared-result.js';

describe('sharedFor: one computation at a time, shared for its max age', () => {
  test('callers within the max age share one answer; after it, the next caller computes afresh', async () => {
    let clock = 0;
    let runs = 0;
    const get = sharedFor(
      1000,
      async () => ++runs,
      () => clock,
    );
    expect(await Promise.all([get(), get(), get()])).toEqual([1, 1, 1]);
    clock = 999;
    expect(await get()).toBe(1);
    clock = 1000;
    expect(await get()).toBe(2);
  });

  test('a computation still in flight is shared past its max age, so a slow dependency never piles up calls', async () => {
    let clock = 0;
    let runs = 0;
    let finish: (n: number) => void = () => undefined;
    const get = sharedFor(
      1000,
      () => (runs++, new Promise<number>((r) => (finish = r))),
      () => clock,
    );
    const first = get();
    clock = 5000;
    const second = get();
    await Promise.resolve();
    finish(7);
    expect(await Promise.all([first, second])).toEqual([7, 7]);
    expect(runs).toBe(1);
  });

  test('a failure is shared like an answer, then retried after the max age', async () => {
    let clock = 0;
    let runs = 0;
    const get = sharedFor(
      1000,
      async () => {
        runs++;
        throw new Error('down');
      },
      () => clock,
    );
    await expect(get()).rejects.toThrow('down');
    await expect(get()).rejects.toThrow('down');
    expect(runs).toBe(1);
    clock = 1000;
    await expect(get()).rejects.toThrow('down');
    expect(runs).toBe(2);
  });
});
