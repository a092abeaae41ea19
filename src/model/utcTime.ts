/**
 * UTC times as they appear in instance files and traces: ISO 8601 text in,
 * epoch milliseconds out. Calendar anchoring (`startUtc` of a workload,
 * `originUtc` of an hourly price series) uses whole UTC hours only, so the
 * hourly series can be rotated exactly (src/model/calendar.ts).
 */

/** Milliseconds per hour. */
export const MS_PER_HOUR = 3_600_000;

/** A whole UTC hour in ISO 8601: `YYYY-MM-DDTHH:00:00Z` (seconds and `Z` required; `.000` allowed). */
export const UTC_HOUR_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):00:00(?:\.0+)?Z$/;

/** An example for messages. */
export const UTC_HOUR_EXAMPLE = "2023-10-01T00:00:00Z";

/** Epoch ms of a whole UTC hour written as {@link UTC_HOUR_PATTERN}; `null` when the text is not one (or not a real date). */
export function parseUtcHour(text: string): number | null {
  const m = UTC_HOUR_PATTERN.exec(text);
  if (m === null) return null;
  const [y, mo, d, h] = m.slice(1).map(Number) as [number, number, number, number];
  return realDate(y, mo, d, h, 0, 0);
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Epoch ms of an ISO 8601 date or date-time: `2017-10-01`, `2017-10-01 04:05:06`,
 * `2017-10-01T04:05Z`, `2020-06-09T18:41:01+08:00`. No zone means UTC.
 * `null` when the text is none of these or not a real date.
 */
export function parseUtcDateTime(text: string): number | null {
  const m = DATE_TIME.exec(text.trim());
  if (m === null) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const base = realDate(y, mo, d, h, mi, s);
  if (base === null) return null;
  const frac = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
  const zone = m[8];
  let offsetMin = 0;
  if (zone !== undefined && zone !== "Z") {
    const digits = zone.replace(":", "");
    offsetMin = (digits[0] === "-" ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return base + frac - offsetMin * 60_000;
}

function realDate(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return new Date(ms).getUTCDate() === d ? ms : null;
}

/** `YYYY-MM-DDTHH:MM:SSZ` (milliseconds dropped). */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The whole UTC hour at or before `ms`. */
export function floorToHour(ms: number): number {
  return Math.floor(ms / MS_PER_HOUR) * MS_PER_HOUR;
}
