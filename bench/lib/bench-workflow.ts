/** The smallest process that still takes the full transition path: lock, snapshot, record, outbox. */
export const BENCH_WORKFLOW = `
id: bench-loop
name: Benchmark loop
stages:
  - id: open
    on:
      TICK:
        by: [secretariat]
        description: a recorded event that keeps the stage
      FINISH: done
  - id: done
    kind: final
`;
