/** The shifted geometric mean, the usual average of solver times (robust to both tiny and huge values). */

/** Default shift of {@link shiftedGeoMean}, ms. */
export const DEFAULT_SHIFT_MS = 10;

/** `exp(mean(ln(x + shift))) − shift`; NaN for no values. Values must be > −shift. */
export function shiftedGeoMean(values: readonly number[], shift = DEFAULT_SHIFT_MS): number {
  if (values.length === 0) return NaN;
  const logSum = values.reduce((a, x) => a + Math.log(x + shift), 0);
  return Math.exp(logSum / values.length) - shift;
}
