import 'reflect-metadata';
import { measureApiLatency } from './api-latency';
import { measureDeadlineLateness } from './deadline-lateness';
import { measureMemoryAndScale } from './memory-scale';
import { BenchRow, renderTable } from './lib/results-table';
import { measureTransitions } from './transitions-throughput';

/**
 * npm run bench: every figure next to the machine's own limit measured in the same run, because
 * absolute times on shared machines drift. BENCH_ONLY=transitions,latency,deadlines,memory picks parts.
 */
const PARTS: Record<string, (log: (line: string) => void) => Promise<BenchRow[]>> = {
  transitions: measureTransitions,
  deadlines: measureDeadlineLateness,
  memory: measureMemoryAndScale,
  latency: measureApiLatency,
};

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((part) => part.trim());
  const rows: BenchRow[] = [];
  for (const [name, measure] of Object.entries(PARTS)) {
    if (only && !only.includes(name)) continue;
    const started = Date.now();
    process.stderr.write(`== ${name}\n`);
    rows.push(...(await measure((line) => process.stderr.write(`   ${line}\n`))));
    process.stderr.write(`   (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  process.stdout.write(`\n${renderTable(rows)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
