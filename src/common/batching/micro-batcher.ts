export interface MicroBatcherOptions<T, R> {
  /** Runs one batch; must return one settled result per item, in order. */
  run: (items: T[]) => Promise<Array<PromiseSettledResult<R>>>;
  /** A batch goes as soon as it has this many items… */
  maxItems: number;
  /**
   * …or this long after its first item arrived. 0: at the end of the current turn of the event
   * loop, so calls made together share a batch and a lone call waits for nothing.
   */
  maxWaitMs: number;
  /** Batches in flight at once; more items wait for a slot. */
  maxInFlight: number;
}

interface Pending<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (reason: unknown) => void;
}

/**
 * Gathers concurrent calls into batches. Each caller still gets its own result (or error); only
 * the work underneath is shared, e.g. one database transaction for many small writes.
 */
export class MicroBatcher<T, R> {
  private queue: Array<Pending<T, R>> = [];
  private cancelWait?: () => void;
  private inFlight = 0;

  constructor(private readonly options: MicroBatcherOptions<T, R>) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.options.maxItems) this.flush();
      else this.cancelWait ??= this.waitThenFlush();
    });
  }

  private flush(): void {
    this.cancelWait?.();
    this.cancelWait = undefined;
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.queue.splice(0, this.options.maxItems);
      this.inFlight++;
      void this.runBatch(batch).finally(() => {
        this.inFlight--;
        // What arrived while every slot was busy goes now, in batches as large as allowed.
        if (this.queue.length > 0) this.flush();
      });
    }
  }

  private waitThenFlush(): () => void {
    if (this.options.maxWaitMs === 0) {
      const immediate = setImmediate(() => this.flush());
      return () => clearImmediate(immediate);
    }
    const timer = setTimeout(() => this.flush(), this.options.maxWaitMs);
    return () => clearTimeout(timer);
  }

  private async runBatch(batch: Array<Pending<T, R>>): Promise<void> {
    let results: Array<PromiseSettledResult<R>>;
    try {
      results = await this.options.run(batch.map((pending) => pending.item));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, index) => {
      const result = results[index];
      if (result?.status === 'fulfilled') pending.resolve(result.value);
      else pending.reject(result ? result.reason : new Error('the batch returned no result for this item'));
    });
  }
}
