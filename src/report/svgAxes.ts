/**
 * Shared pieces of the SVG plots: nice ticks, the plot frame (title, axes,
 * ticks, axis labels), a legend, XML escaping and deterministic number text.
 */

/** Size and margins of a plot, px. */
export interface PlotGeometry {
  /** Total width; default 640. */
  readonly widthPx?: number;
  /** Total height; default 400. */
  readonly heightPx?: number;
}

/** Defaults of {@link PlotGeometry}. */
export const DEFAULT_PLOT_GEOMETRY: Required<PlotGeometry> = { widthPx: 640, heightPx: 400 };

/** Series colours, in order (Okabe–Ito, colour-blind safe). */
export const PALETTE: readonly string[] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"];

/** The colour of series `i` (cycling through {@link PALETTE}). */
export function colour(i: number): string {
  return PALETTE[i % PALETTE.length] ?? "#000000";
}

/** Escapes `& < > " '` for XML text and attributes. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c);
}

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

/** About `count` evenly spaced round ticks (1, 2 or 5 × 10^k apart) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  let lo = min;
  let hi = max;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag);
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** A linear map from data [d0, d1] to pixels [p0, p1]. */
export function linearScale(d0: number, d1: number, p0: number, p1: number): (x: number) => number {
  const span = d1 - d0 || 1;
  return (x) => p0 + ((x - d0) / span) * (p1 - p0);
}

/** The plot area inside the margins, px. */
export interface PlotArea {
  /** Left edge. */
  readonly left: number;
  /** Right edge. */
  readonly right: number;
  /** Top edge. */
  readonly top: number;
  /** Bottom edge (the x axis). */
  readonly bottom: number;
}

/** The plot area for a geometry (margins fixed: 70 left, 150 right for the legend, 40 top, 55 bottom). */
export function plotArea(g: Required<PlotGeometry>): PlotArea {
  return { left: 70, right: g.widthPx - 150, top: 40, bottom: g.heightPx - 55 };
}

/** Opening `<svg>`, white background and title. */
export function svgOpen(g: Required<PlotGeometry>, title: string): string[] {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${g.widthPx}" height="${g.heightPx}" viewBox="0 0 ${g.widthPx} ${g.heightPx}" font-family="sans-serif" font-size="12">`,
    `<rect x="0" y="0" width="${g.widthPx}" height="${g.heightPx}" fill="white"/>`,
    `<text x="${px(g.widthPx / 2)}" y="22" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`,
  ];
}

/** The y axis with ticks, grid lines and its label. */
export function yAxis(area: PlotArea, ticks: readonly number[], y: (v: number) => number, label: string): string[] {
  const out = [`<line x1="${area.left}" y1="${area.top}" x2="${area.left}" y2="${area.bottom}" stroke="black"/>`];
  for (const t of ticks) {
    const py = px(y(t));
    out.push(
      `<line x1="${area.left}" y1="${py}" x2="${area.right}" y2="${py}" stroke="#dddddd"/>`,
      `<line x1="${area.left - 5}" y1="${py}" x2="${area.left}" y2="${py}" stroke="black"/>`,
      `<text x="${area.left - 8}" y="${py}" text-anchor="end" dominant-baseline="middle">${escapeXml(tickLabel(t))}</text>`,
    );
  }
  const cy = px((area.top + area.bottom) / 2);
  out.push(`<text x="18" y="${cy}" text-anchor="middle" transform="rotate(-90 18 ${cy})">${escapeXml(label)}</text>`);
  return out;
}

/** The x axis line and its label; tick marks are drawn by the caller via {@link xTick}. */
export function xAxis(area: PlotArea, label: string, heightPx: number): string[] {
  return [
    `<line x1="${area.left}" y1="${area.bottom}" x2="${area.right}" y2="${area.bottom}" stroke="black"/>`,
    `<text x="${px((area.left + area.right) / 2)}" y="${heightPx - 12}" text-anchor="middle">${escapeXml(label)}</text>`,
  ];
}

/** One x tick mark with its label. */
export function xTick(area: PlotArea, at: number, label: string): string[] {
  return [
    `<line x1="${px(at)}" y1="${area.bottom}" x2="${px(at)}" y2="${area.bottom + 5}" stroke="black"/>`,
    `<text x="${px(at)}" y="${area.bottom + 18}" text-anchor="middle">${escapeXml(label)}</text>`,
  ];
}

/** A legend at the right of the plot area: a colour swatch and a name per series. */
export function legend(area: PlotArea, names: readonly string[]): string[] {
  const out: string[] = [];
  names.forEach((name, i) => {
    const y = area.top + 10 + i * 20;
    out.push(
      `<rect x="${area.right + 15}" y="${y - 6}" width="14" height="12" fill="${colour(i)}"/>`,
      `<text x="${area.right + 35}" y="${y}" dominant-baseline="middle">${escapeXml(name)}</text>`,
    );
  });
  return out;
}

/** A vertical error bar with caps from `y(v − e)` to `y(v + e)` at pixel `x`. */
export function errorBar(x: number, yLow: number, yHigh: number, stroke: string, capPx = 4): string[] {
  return [
    `<line x1="${px(x)}" y1="${px(yLow)}" x2="${px(x)}" y2="${px(yHigh)}" stroke="${stroke}"/>`,
    `<line x1="${px(x - capPx)}" y1="${px(yLow)}" x2="${px(x + capPx)}" y2="${px(yLow)}" stroke="${stroke}"/>`,
    `<line x1="${px(x - capPx)}" y1="${px(yHigh)}" x2="${px(x + capPx)}" y2="${px(yHigh)}" stroke="${stroke}"/>`,
  ];
}
