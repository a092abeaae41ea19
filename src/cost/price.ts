/**
 * Electricity price over time (DESIGN §1–2). A {@link Price} is a constant or
 * an hourly series that holds `usdPerKwh[h]` on [h·3600, (h+1)·3600) s and
 * repeats cyclically after its last hour.
 */
import type { Price } from "../model/types.js";

/** Seconds per hour. */
export const SEC_PER_HOUR = 3600;

/** Price in USD/kWh at simulated time `tSec` (negative times wrap around the series too). */
export function priceAt(price: Price, tSec: number): number {
  if (price.kind === "constant") return price.usdPerKwh;
  const series = price.usdPerKwh;
  assertNonEmpty(series);
  const n = series.length;
  const hour = Math.floor(tSec / SEC_PER_HOUR);
  return series[((hour % n) + n) % n] as number;
}

const prefixCache = new WeakMap<readonly number[], Float64Array>();

/** prefix[i] = Σ_{j<i} series[j] (USD/kWh · h), built once per series array. */
function prefixSums(series: readonly number[]): Float64Array {
  const cached = prefixCache.get(series);
  if (cached !== undefined) return cached;
  const prefix = new Float64Array(series.length + 1);
  for (let i = 0; i < series.length; i++) prefix[i + 1] = (prefix[i] as number) + (series[i] as number);
  prefixCache.set(series, prefix);
  return prefix;
}

function assertNonEmpty(series: readonly number[]): void {
  if (series.length === 0) {
    throw new RangeError("cost/price: an hourly price needs at least one hour in usdPerKwh; validate prices where they are loaded");
  }
}

/** ∫₀^{tSec} price dt with t in hours (USD per kW), for an hourly series. */
function cumulativeHourly(series: readonly number[], tSec: number): number {
  const n = series.length;
  const prefix = prefixSums(series);
  const hours = tSec / SEC_PER_HOUR;
  const cycles = Math.floor(hours / n);
  const inCycle = hours - cycles * n; // in [0, n)
  const whole = Math.min(Math.max(Math.floor(inCycle), 0), n - 1); // clamp rounding at the cycle ends
  const frac = inCycle - whole;
  return cycles * (prefix[n] as number) + (prefix[whole] as number) + (series[whole] as number) * frac;
}

/**
 * ∫ price(t) dt over [startSec, endSec) with t in hours, in USD per kW
 * (= USD/kWh × h): multiply by a constant power in kW to get USD.
 * Constant: `usdPerKwh · (end − start)/3600`. Hourly: exact piecewise
 * integral, the series repeating cyclically. `endSec < startSec` gives the
 * negative of the reversed interval. Throws `RangeError` on an empty hourly
 * series (a loader should have rejected it).
 */
export function priceIntegralUsdPerKw(price: Price, startSec: number, endSec: number): number {
  if (price.kind === "constant") return (price.usdPerKwh * (endSec - startSec)) / SEC_PER_HOUR;
  assertNonEmpty(price.usdPerKwh);
  return cumulativeHourly(price.usdPerKwh, endSec) - cumulativeHourly(price.usdPerKwh, startSec);
}

/** Mean price in USD/kWh over [startSec, endSec); the price at `startSec` when the interval is empty. */
export function averagePriceUsdPerKwh(price: Price, startSec: number, endSec: number): number {
  if (endSec === startSec) return priceAt(price, startSec);
  return priceIntegralUsdPerKw(price, startSec, endSec) / ((endSec - startSec) / SEC_PER_HOUR);
}
