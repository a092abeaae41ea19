/** Mean and sample standard deviation, as a table cell and as "12.3 ± 0.4" text. */

/** Mean and sample standard deviation (n − 1). */
export interface MeanStd {
  /** Arithmetic mean (NaN for no values). */
  readonly mean: number;
  /** Sample standard deviation; NaN for fewer than two values (it is undefined for one). */
  readonly std: number;
  /** Number of values. */
  readonly n: number;
}

/** Mean and sample standard deviation of `values`. */
export function meanStdOf(values: readonly number[]): MeanStd {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN, n };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, std: NaN, n };
  const ss = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, std: Math.sqrt(ss / (n - 1)), n };
}

/** Options of {@link meanStd} and {@link meanStdCell}. */
export interface MeanStdOptions {
  /** Digits after the decimal point of both numbers in text; default 1. */
  readonly decimals?: number;
  /** Factor applied to mean and std (e.g. 100 for percentages); default 1. */
  readonly scale?: number;
  /** Text for an empty list; default "n/a". */
  readonly empty?: string;
}

/** Defaults of {@link MeanStdOptions}. */
export const DEFAULT_MEAN_STD: Required<MeanStdOptions> = { decimals: 1, scale: 1, empty: "n/a" };

/**
 * A table cell holding a mean and a sample std over `n` values (already
 * scaled). Markdown, LaTeX and HTML show it as "mean ± std" (std "n/a" for
 * one value); CSV writes mean and std as two numeric columns.
 */
export interface MeanStdCell {
  /** Marks the cell kind. */
  readonly kind: "meanStd";
  /** Mean (NaN when n = 0). */
  readonly mean: number;
  /** Sample std (NaN when n < 2). */
  readonly std: number;
  /** Number of values. */
  readonly n: number;
  /** Digits after the decimal point in text. */
  readonly decimals: number;
  /** Text when n = 0. */
  readonly empty: string;
}

/** The {@link MeanStdCell} of `values`. */
export function meanStdCell(values: readonly number[], options: MeanStdOptions = {}): MeanStdCell {
  const o = { ...DEFAULT_MEAN_STD, ...options };
  const { mean, std, n } = meanStdOf(values);
  return { kind: "meanStd", mean: mean * o.scale, std: std * o.scale, n, decimals: o.decimals, empty: o.empty };
}

/** Fixed-point text without a "-0". */
function fixed(x: number, decimals: number): string {
  const s = x.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** "mean ± std"; "mean ± n/a" for one value (its std is undefined); the cell's `empty` text for none. */
export function formatMeanStd(cell: MeanStdCell): string {
  if (cell.n === 0) return cell.empty;
  return `${fixed(cell.mean, cell.decimals)} ± ${cell.n < 2 ? "n/a" : fixed(cell.std, cell.decimals)}`;
}

/** "mean ± std" of `values`, e.g. `meanStd([12, 12.6])` is "12.3 ± 0.4"; `meanStd([5])` is "5.0 ± n/a". */
export function meanStd(values: readonly number[], options: MeanStdOptions = {}): string {
  return formatMeanStd(meanStdCell(values, options));
}
