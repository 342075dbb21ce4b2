export interface BenchRow {
  metric: string;
  engine: number;
  reference: number;
  /** What the reference is, e.g. "pgbench, same SQL". */
  referenceLabel: string;
  unit: string;
  /** ratio = engine / reference; `higherIsBetter` says how to read it against the target. */
  higherIsBetter: boolean;
  target?: { ratio?: number; absolute?: number; description: string };
}

const fmt = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2));

export function targetMet(row: BenchRow): boolean | undefined {
  if (!row.target) return undefined;
  const ratio = row.reference === 0 ? Number.POSITIVE_INFINITY : row.engine / row.reference;
  if (row.target.ratio !== undefined) return row.higherIsBetter ? ratio >= row.target.ratio : ratio <= row.target.ratio;
  if (row.target.absolute !== undefined) return row.higherIsBetter ? row.engine >= row.target.absolute : row.engine <= row.target.absolute;
  return undefined;
}

/** One plain table: the engine's figure, the reference measured in the same run, the ratio, the target. */
export function renderTable(rows: BenchRow[]): string {
  const header = ['metric', 'engine', 'reference', 'ratio', 'target', 'met'];
  const body = rows.map((row) => {
    const met = targetMet(row);
    return [
      row.metric,
      `${fmt(row.engine)} ${row.unit}`,
      `${fmt(row.reference)} ${row.unit} (${row.referenceLabel})`,
      row.reference === 0 ? '–' : `${(row.engine / row.reference).toFixed(2)}`,
      row.target?.description ?? '–',
      met === undefined ? '–' : met ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((_, column) => Math.max(header[column].length, ...body.map((line) => line[column].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}
