/** Mean and sample standard deviation, and their "12.3 ± 0.4" formatting. */

/** Mean and sample standard deviation (n − 1; 0 for one value). */
export interface MeanStd {
  /** Arithmetic mean (NaN for no values). */
  readonly mean: number;
  /** Sample standard deviation (0 for one value, NaN for none). */
  readonly std: number;
  /** Number of values. */
  readonly n: number;
}

/** Mean and sample standard deviation of `values`. */
export function meanStdOf(values: readonly number[]): MeanStd {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN, n };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, std: 0, n };
  const ss = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, std: Math.sqrt(ss / (n - 1)), n };
}

/** Options of {@link meanStd}. */
export interface MeanStdOptions {
  /** Digits after the decimal point of both numbers; default 1. */
  readonly decimals?: number;
  /** Factor applied before formatting (e.g. 100 for percentages); default 1. */
  readonly scale?: number;
  /** Text for an empty list; default "n/a". */
  readonly empty?: string;
}

/** Defaults of {@link MeanStdOptions}. */
export const DEFAULT_MEAN_STD: Required<MeanStdOptions> = { decimals: 1, scale: 1, empty: "n/a" };

/** "mean ± std" of `values`, e.g. `meanStd([12, 12.6])` is "12.3 ± 0.4". */
export function meanStd(values: readonly number[], options: MeanStdOptions = {}): string {
  const o = { ...DEFAULT_MEAN_STD, ...options };
  const { mean, std, n } = meanStdOf(values);
  if (n === 0) return o.empty;
  const fix = (x: number): string => {
    const s = (x * o.scale).toFixed(o.decimals);
    return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
  };
  return `${fix(mean)} ± ${fix(std)}`;
}
