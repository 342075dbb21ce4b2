import { MicroBatcher } from './micro-batcher';

describe('MicroBatcher', () => {
  const settle = <R>(values: R[]) => values.map((value) => ({ status: 'fulfilled' as const, value }));

  it('runs concurrent calls as one batch and gives each caller its own result', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>({ run: async (items) => (batches.push(items), settle(items.map((n) => n * 10))), maxItems: 100, maxWaitMs: 5, maxInFlight: 1 });
    const results = await Promise.all([1, 2, 3].map((n) => batcher.submit(n)));
    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('sends a full batch at once and keeps at most maxInFlight batches running', async () => {
    let running = 0;
    let most = 0;
    const sizes: number[] = [];
    const batcher = new MicroBatcher<number, number>({
      run: async (items) => {
        running++;
        most = Math.max(most, running);
        sizes.push(items.length);
        await new Promise((resolve) => setTimeout(resolve, 10));
        running--;
        return settle(items);
      },
      maxItems: 4,
      maxWaitMs: 1000,
      maxInFlight: 2,
    });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.submit(i)));
    expect(results).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(most).toBe(2);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
    expect(Math.max(...sizes)).toBe(4);
  });

  it('rejects only the callers whose item failed', async () => {
    const batcher = new MicroBatcher<number, number>({
      run: async (items) => items.map((n) => (n === 2 ? { status: 'rejected' as const, reason: new Error('two') } : { status: 'fulfilled' as const, value: n })),
      maxItems: 10,
      maxWaitMs: 1,
      maxInFlight: 1,
    });
    const results = await Promise.allSettled([1, 2, 3].map((n) => batcher.submit(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('rejects every caller when the batch itself throws', async () => {
    const batcher = new MicroBatcher<number, number>({ run: async () => Promise.reject(new Error('database away')), maxItems: 10, maxWaitMs: 1, maxInFlight: 1 });
    await expect(Promise.all([batcher.submit(1), batcher.submit(2)])).rejects.toThrow('database away');
  });
  it('with maxWaitMs 0, gathers the calls made in the same turn and sends a lone call without a timer', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>({ run: async (items) => (batches.push(items), settle(items)), maxItems: 100, maxWaitMs: 0, maxInFlight: 1 });
    await Promise.all([1, 2, 3].map((n) => batcher.submit(n)));
    const started = Date.now();
    await batcher.submit(4);
    expect(batches).toEqual([[1, 2, 3], [4]]);
    expect(Date.now() - started).toBeLessThan(50);
  });

  it('gathers what arrives while every slot is busy into the next batch', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new MicroBatcher<number, number>({
      run: async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate;
        return settle(items);
      },
      maxItems: 100,
      maxWaitMs: 0,
      maxInFlight: 1,
    });
    const first = batcher.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const waiting = [2, 3, 4].map((n) => batcher.submit(n));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1]]);
    release();
    await Promise.all([first, ...waiting]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });
});
