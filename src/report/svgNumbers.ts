/** Deterministic text for SVG: coordinates, tick labels and escaped strings. */

/** A coordinate as text: two decimals at most, no trailing zeros, no "-0". */
export function px(x: number): string {
  const s = String(Math.round(x * 100) / 100);
  return s === "-0" ? "0" : s;
}

/** A tick label: up to 6 significant digits, no float noise. */
export function tickLabel(x: number): string {
  const s = String(Number(x.toPrecision(6)));
  return s === "-0" ? "0" : s;
}

/** Escapes `& < > " '` for XML text and attributes. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c);
}
