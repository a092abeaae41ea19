/**
 * Calendar time for hourly prices (docs/workloads.md, "Calendar time"). A
 * workload may say when simulated time 0 is (`startUtc`); an hourly price
 * series may say when its hour 0 is (`originUtc`). {@link anchorTopology}
 * returns the topology with every hourly series rotated so that its hour 0 is
 * `startUtc`: the cost model and the simulator keep reading hour
 * `⌊t / 3600⌋` of the series for simulated time `t`, and now get the price of
 * the calendar hour `startUtc + t`.
 *
 * Which hour of the series a calendar hour reads ({@link seriesHourOf}):
 * - a series of one calendar year (8,760 or 8,784 hours) whose origin is
 *   1 January 00:00 UTC repeats **yearly by the calendar**: a time reads the
 *   hour with the same month, day and hour in the origin's year (29 February
 *   reads 28 February when that year has none). A 2017 trace window from
 *   October is priced with the series' October hours, whatever the year.
 * - any other series repeats every `n` hours from its origin: the hour read is
 *   `(t − origin) / 1 h mod n`.
 *
 * Constant prices are left as they are. Pure: values in, values out.
 */
import { InstanceError } from "./issues.js";
import type { Price, Region, Topology } from "./types.js";
import { formatUtc, MS_PER_HOUR, parseUtcHour, UTC_HOUR_EXAMPLE } from "./utcTime.js";

const HOURS_PER_YEAR = [8760, 8784] as const;

/** Whether `originMs` is 1 January 00:00 UTC and `hours` one calendar year from it. */
function isCalendarYear(originMs: number, hours: number): boolean {
  const d = new Date(originMs);
  if (d.getUTCMonth() !== 0 || d.getUTCDate() !== 1 || d.getUTCHours() !== 0) return false;
  const y = d.getUTCFullYear();
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return hours === HOURS_PER_YEAR[leap ? 1 : 0];
}

/**
 * The hour of a series of `hours` values, hour 0 at `originMs`, that prices
 * the calendar hour starting at `timeMs` (see the file comment). Both in epoch
 * ms on whole hours.
 */
export function seriesHourOf(originMs: number, hours: number, timeMs: number): number {
  if (isCalendarYear(originMs, hours)) {
    const t = new Date(timeMs);
    const year = new Date(originMs).getUTCFullYear();
    let day = t.getUTCDate();
    if (t.getUTCMonth() === 1 && day === 29 && hours === HOURS_PER_YEAR[0]) day = 28;
    const aligned = Date.UTC(year, t.getUTCMonth(), day, t.getUTCHours());
    return Math.round((aligned - originMs) / MS_PER_HOUR);
  }
  const k = Math.round((timeMs - originMs) / MS_PER_HOUR);
  return ((k % hours) + hours) % hours;
}

/** `series` rotated left by `offset`: result[h] = series[(h + offset) mod n]. */
export function rotateSeries(series: readonly number[], offset: number): number[] {
  const n = series.length;
  const k = ((offset % n) + n) % n;
  return [...series.slice(k), ...series.slice(0, k)];
}

/** A region's price anchored at `startMs` (see the file comment); a constant price is returned unchanged. Throws when an hourly series has no `originUtc`. */
function anchorPrice(price: Price, startMs: number, where: { file: string; path: string }): Price {
  if (price.kind === "constant") return price;
  if (price.originUtc === undefined) {
    throw new InstanceError([
      {
        ...where,
        message: `an hourly price needs "originUtc" (the UTC time of its hour 0, e.g. "2023-01-01T00:00:00Z" for the bundled 2023 series) to be read in calendar time (startUtc)`,
      },
    ]);
  }
  const originMs = parseUtcHour(price.originUtc);
  if (originMs === null) throw new InstanceError([{ ...where, message: `originUtc must be a whole UTC hour like "${UTC_HOUR_EXAMPLE}", got "${price.originUtc}"` }]);
  const offset = seriesHourOf(originMs, price.usdPerKwh.length, startMs);
  return { kind: "hourly", usdPerKwh: rotateSeries(price.usdPerKwh, offset), originUtc: formatUtc(startMs) };
}

/**
 * The topology with every hourly price series rotated so that its hour 0 is
 * `startUtc` (a whole UTC hour, ISO 8601, e.g. "2017-10-01T00:00:00Z"). The
 * rotated series carry `originUtc = startUtc`, so anchoring twice at the same
 * time changes nothing. Throws an {@link InstanceError} naming `file` and the
 * field when `startUtc` is not a whole UTC hour or a series has no origin.
 */
export function anchorTopology(topology: Topology, startUtc: string, file = topology.name): Topology {
  const startMs = parseUtcHour(startUtc);
  if (startMs === null) {
    throw new InstanceError([{ file, path: "startUtc", message: `must be a whole UTC hour in ISO 8601 like "${UTC_HOUR_EXAMPLE}" (minutes and seconds 0, ending in Z), got "${startUtc}"` }]);
  }
  const regions = topology.regions.map(
    (r, i): Region => ({ ...r, price: anchorPrice(r.price, startMs, { file, path: `regions[${i}].price.originUtc` }) }),
  );
  return { ...topology, regions };
}
