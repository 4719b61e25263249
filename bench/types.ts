/** One benchmark row: a measured value and the baseline it is compared with. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The same measure for the baseline named in the issue (e.g. bare ical-generator). */
  baseline: number;
  /** value / baseline, or baseline / value when higher is better: say which in `name`. */
  ratio: number;
  note?: string;
}

/** A bench file's default export. */
export type Bench = () => Promise<BenchResult[]>;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}
