import { percentile, renderTable, targetMet } from './results-table';

describe('bench results table', () => {
  it('computes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(values, 50), percentile(values, 99), percentile(values, 100)]).toEqual([50, 99, 100]);
  });

  it('reads targets in the right direction', () => {
    const throughput = { metric: 'tps', engine: 600, reference: 1000, referenceLabel: 'pgbench', unit: 'tx/s', higherIsBetter: true, target: { ratio: 0.5, description: '≥ 50 %' } };
    expect(targetMet(throughput)).toBe(true);
    expect(targetMet({ ...throughput, engine: 400 })).toBe(false);
    const lateness = { metric: 'p99', engine: 300, reference: 20, referenceLabel: 'bare BullMQ', unit: 'ms', higherIsBetter: false, target: { absolute: 250, description: '≤ 250 ms' } };
    expect(targetMet(lateness)).toBe(false);
    expect(renderTable([throughput, lateness]).split('\n')).toHaveLength(4);
  });
});
