/**
 * Number text shared by the LP and MPS writers and readers.
 */

/**
 * Shortest text that parses back to exactly `x` (JavaScript's `String`), e.g.
 * `0.1`, `-3.25`, `1e-7`, `1e+21`; every LP/MPS reader accepts this syntax.
 * Only finite numbers are written this way; callers spell infinities themselves.
 */
export function formatNumber(x: number): string {
  return Object.is(x, -0) ? "0" : String(x);
}

/** Decimal number syntax accepted by the readers (no sign, no infinities). */
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a signed decimal number or an infinity word (`inf`, `infinity`, `1e30`-style numbers stay finite); `undefined` when `text` is not a number. */
export function parseNumber(text: string): number | undefined {
  let sign = 1;
  let body = text;
  if (body.startsWith("+") || body.startsWith("-")) {
    sign = body.startsWith("-") ? -1 : 1;
    body = body.slice(1);
  }
  const lower = body.toLowerCase();
  if (lower === "inf" || lower === "infinity") return sign * Infinity;
  if (!NUMBER.test(body)) return undefined;
  return sign * Number(body);
}
