/** A request waiting for its batch, settled by whoever runs the batch. */
export interface Queued<TItem, TResult> {
  item: TItem;
  resolve: (result: TResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces concurrent calls: at most `maxInFlight` batches run at once; the calls that arrive
 * while they do wait and form the next batch (up to `maxBatch`). A call that finds a free slot
 * runs at once, alone, so nothing waits at low load. Hand-written: the batching libraries on npm
 * (dataloader and the like) batch per tick, which adds latency without bounding what is in flight.
 */
export class Coalescer<TItem, TResult> {
  private readonly waiting: Queued<TItem, TResult>[] = [];
  private inFlight = 0;

  constructor(
    private readonly run: (batch: Queued<TItem, TResult>[]) => Promise<void>,
    private readonly maxInFlight: number,
    private readonly maxBatch: number,
  ) {}

  submit(item: TItem): Promise<TResult> {
    return new Promise<TResult>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.inFlight += 1;
      this.run(batch)
        .catch((error: unknown) => {
          for (const queued of batch) queued.reject(error);
        })
        .finally(() => {
          this.inFlight -= 1;
          this.dispatch();
        });
    }
  }
}

/** Settles one queued call with what `work` returns or throws. */
export async function settle<TItem, TResult>(queued: Queued<TItem, TResult>, work: () => Promise<TResult>): Promise<void> {
  try {
    queued.resolve(await work());
  } catch (error) {
    queued.reject(error);
  }
}
