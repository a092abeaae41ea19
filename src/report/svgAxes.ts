/**
 * Shared pieces of the SVG plots: nice ticks, a layout whose margins grow to
 * fit the title, the tick labels, the category labels and a legend outside
 * the plot area, the axes, XML escaping and deterministic number text.
 * Colours and marker shapes are in svgMarkers.ts.
 */
import { marker, type LineStyle } from "./svgMarkers.js";
import { escapeXml, px, tickLabel } from "./svgNumbers.js";

export { colour, PALETTE } from "./svgMarkers.js";
export { escapeXml, px, tickLabel } from "./svgNumbers.js";

/** Size of a plot, px (the minimum: a plot grows to fit its labels and legend). */
export interface PlotGeometry {
  /** Minimum total width; default 640. */
  readonly widthPx?: number;
  /** Minimum total height; default 400. */
  readonly heightPx?: number;
}

/** Defaults of {@link PlotGeometry}. */
export const DEFAULT_PLOT_GEOMETRY: Required<PlotGeometry> = { widthPx: 640, heightPx: 400 };

/** Font size of tick labels, legend and axis labels, px. */
export const FONT_PX = 12;
/** Font size of the title, px. */
export const TITLE_FONT_PX = 15;
/** Line height of label text, px. */
export const LINE_PX = 14;

/**
 * Estimated width of `text` in a sans-serif font of `fontPx` (DejaVu Sans
 * proportions, rounded up): enough to lay labels out so they do not overlap.
 */
export function textWidthPx(text: string, fontPx = FONT_PX): number {
  let em = 0;
  for (const ch of text) {
    if (" ".includes(ch)) em += 0.32;
    else if ("il.,:;|!'()[]{}`ıjft".includes(ch)) em += 0.36;
    else if ("mwMW—@%".includes(ch)) em += 0.95;
    else if (/[A-Z]/.test(ch)) em += 0.72;
    else em += 0.64;
  }
  return Math.ceil(em * fontPx);
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

/** What the margins must hold. */
export interface LayoutNeeds {
  /** Title text (split into at most two lines to fit). */
  readonly title: string;
  /** Y tick labels (the left margin fits the widest). */
  readonly yTickLabels: readonly string[];
  /** Legend entries (the right margin fits the widest). */
  readonly legend: readonly string[];
  /** Height below the x axis taken by tick or category labels, px; default one line. */
  readonly xLabelsPx?: number;
  /** Narrowest plot-area width that keeps the x labels apart, px; default 0. */
  readonly minAreaWidthPx?: number;
  /** Narrowest left margin (for x labels reaching left of the axis), px; default 0. */
  readonly minLeftPx?: number;
}

/** A laid-out plot: total size, plot area and title lines. */
export interface PlotLayout {
  /** Total width, px. */
  readonly widthPx: number;
  /** Total height, px. */
  readonly heightPx: number;
  /** The plot area. */
  readonly area: PlotArea;
  /** Title, one or two lines. */
  readonly titleLines: readonly string[];
}

/** Legend swatch and gap before its text, px. */
const LEGEND_SWATCH_PX = 34;

/** Splits `title` at a space into two lines when one line is wider than `maxPx`. */
function titleLines(title: string, maxPx: number): string[] {
  if (textWidthPx(title, TITLE_FONT_PX) <= maxPx) return [title];
  const words = title.split(" ");
  let best: string[] = [title];
  let bestWidth = Infinity;
  for (let i = 1; i < words.length; i++) {
    const lines = [words.slice(0, i).join(" "), words.slice(i).join(" ")];
    const w = Math.max(...lines.map((l) => textWidthPx(l, TITLE_FONT_PX)));
    if (w < bestWidth) [best, bestWidth] = [lines, w];
  }
  return best;
}

/** Margins grown to fit the labels and the legend (outside the plot area, at its right); the plot area is at least the geometry's. */
export function layoutPlot(g: Required<PlotGeometry>, needs: LayoutNeeds): PlotLayout {
  const left = Math.max(70, 34 + Math.max(0, ...needs.yTickLabels.map((t) => textWidthPx(t))) + 12, needs.minLeftPx ?? 0);
  const legendPx = needs.legend.length === 0 ? 20 : 15 + LEGEND_SWATCH_PX + Math.max(...needs.legend.map((n) => textWidthPx(n))) + 12;
  const areaWidth = Math.max(g.widthPx - left - legendPx, 300, needs.minAreaWidthPx ?? 0);
  const widthPx = Math.ceil(left + areaWidth + legendPx);
  const lines = titleLines(needs.title, widthPx - 20);
  const top = 22 + (lines.length - 1) * 18 + 18;
  const below = 8 + (needs.xLabelsPx ?? LINE_PX + 4) + 10 + LINE_PX + 8; // tick labels, gap, axis label, margin
  const legendHeight = top + 10 + needs.legend.length * 20;
  const areaHeight = Math.max(g.heightPx - top - below, 260, legendHeight - top);
  return { widthPx, heightPx: Math.ceil(top + areaHeight + below), area: { left, right: left + areaWidth, top, bottom: top + areaHeight }, titleLines: lines };
}

/** Opening `<svg>`, white background and title. */
export function svgOpen(layout: PlotLayout): string[] {
  const { widthPx: w, heightPx: h } = layout;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="DejaVu Sans, Verdana, sans-serif" font-size="${FONT_PX}">`,
    `<rect x="0" y="0" width="${w}" height="${h}" fill="white"/>`,
    ...layout.titleLines.map((line, i) => `<text x="${px(w / 2)}" y="${22 + i * 18}" text-anchor="middle" font-size="${TITLE_FONT_PX}">${escapeXml(line)}</text>`),
  ];
}

/** Vertical offset that centres text on a baseline at `y` (renderers differ on `dominant-baseline`), px. */
const MIDDLE_PX = 4;

/** The y axis with ticks, grid lines and its label. */
export function yAxis(area: PlotArea, ticks: readonly number[], y: (v: number) => number, label: string): string[] {
  const out = [`<line x1="${area.left}" y1="${area.top}" x2="${area.left}" y2="${area.bottom}" stroke="black"/>`];
  for (const t of ticks) {
    const py = px(y(t));
    out.push(
      `<line x1="${area.left}" y1="${py}" x2="${px(area.right)}" y2="${py}" stroke="#dddddd"/>`,
      `<line x1="${area.left - 5}" y1="${py}" x2="${area.left}" y2="${py}" stroke="black"/>`,
      `<text x="${area.left - 8}" y="${px(y(t) + MIDDLE_PX)}" text-anchor="end">${escapeXml(tickLabel(t))}</text>`,
    );
  }
  const cy = px((area.top + area.bottom) / 2);
  out.push(`<text x="18" y="${cy}" text-anchor="middle" transform="rotate(-90 18 ${cy})">${escapeXml(label)}</text>`);
  return out;
}

/** The x axis line and its label. */
export function xAxis(area: PlotArea, label: string, heightPx: number): string[] {
  return [
    `<line x1="${area.left}" y1="${area.bottom}" x2="${px(area.right)}" y2="${area.bottom}" stroke="black"/>`,
    `<text x="${px((area.left + area.right) / 2)}" y="${heightPx - 10}" text-anchor="middle">${escapeXml(label)}</text>`,
  ];
}

/** One x tick mark with its (short, numeric) label. */
export function xTick(area: PlotArea, at: number, label: string): string[] {
  return [
    `<line x1="${px(at)}" y1="${area.bottom}" x2="${px(at)}" y2="${area.bottom + 5}" stroke="black"/>`,
    `<text x="${px(at)}" y="${area.bottom + 18}" text-anchor="middle">${escapeXml(label)}</text>`,
  ];
}

/** One legend entry's key: a filled swatch (bars) or a line with its dash and marker (lines). */
export type LegendKey = { readonly kind: "swatch"; readonly colour: string } | { readonly kind: "line"; readonly style: LineStyle };

/** A legend outside the plot area, at its right: a key and a name per entry. */
export function legend(area: PlotArea, entries: ReadonlyArray<{ readonly name: string; readonly key: LegendKey }>): string[] {
  const out: string[] = [];
  const x0 = area.right + 15;
  entries.forEach(({ name, key }, i) => {
    const y = area.top + 10 + i * 20;
    if (key.kind === "swatch") out.push(`<rect x="${px(x0)}" y="${y - 6}" width="24" height="12" fill="${key.colour}"/>`);
    else {
      const s = key.style;
      out.push(`<line x1="${px(x0)}" y1="${y}" x2="${px(x0 + 24)}" y2="${y}" stroke="${s.colour}" stroke-width="2"${s.dash === "" ? "" : ` stroke-dasharray="${s.dash}"`}/>`, marker(s, x0 + 12, y));
    }
    out.push(`<text x="${px(x0 + LEGEND_SWATCH_PX)}" y="${y + MIDDLE_PX}">${escapeXml(name)}</text>`);
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

