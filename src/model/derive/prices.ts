/**
 * Region prices from the bundled market data: the market's 2023 mean (the
 * GreenDCC summary's `mean_usd_mwh`) as a constant, or its 2023 hourly series
 * (with `originUtc`, so it can be read in calendar time), ÷ 1000 → USD/kWh,
 * rounded to 6 decimals. Negative wholesale prices are kept.
 */
import type { Price } from "../types.js";
import type { MeasuredGrid } from "./grid.js";
import { roundDecimals } from "./links.js";

/** How one region's price was derived. */
export interface PriceDerivation {
  readonly id: string;
  readonly market: string;
  /** 2023 mean of the summary file, USD/MWh. */
  readonly summaryMeanUsdPerMwh: number;
  /** Mean of the hourly series, recomputed (cross-check). */
  readonly hourlyMeanUsdPerMwh: number;
  readonly hours: number;
  readonly negativeHours: number;
  readonly minUsdPerMwh: number;
  readonly maxUsdPerMwh: number;
}

/** The constant and hourly prices of `market`, and the figures behind them. */
export function marketPrice(grid: MeasuredGrid, id: string, market: string): { constant: Price; hourly: Price; derivation: PriceDerivation } {
  const m = grid.markets[market];
  if (m === undefined) throw new RangeError(`no prices for market ${market}`);
  const usd = m.hourlyCentsPerMwh.map((c) => c / 100);
  return {
    constant: { kind: "constant", usdPerKwh: roundDecimals(m.mean2023UsdPerMwh / 1000, 6) },
    hourly: { kind: "hourly", usdPerKwh: m.hourlyCentsPerMwh.map((c) => roundDecimals(c / 1e5, 6)), originUtc: grid.hoursOriginUtc },
    derivation: {
      id,
      market,
      summaryMeanUsdPerMwh: m.mean2023UsdPerMwh,
      hourlyMeanUsdPerMwh: usd.reduce((s, x) => s + x, 0) / usd.length,
      hours: usd.length,
      negativeHours: usd.filter((x) => x < 0).length,
      minUsdPerMwh: Math.min(...usd),
      maxUsdPerMwh: Math.max(...usd),
    },
  };
}
