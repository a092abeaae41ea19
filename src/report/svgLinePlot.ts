/**
 * A line plot as a pure SVG string: series of (x, y, optional ± error)
 * points, axes, ticks, a legend outside the plot area, error bars. Each
 * series has its own colour, dash pattern and hollow marker shape; on a long
 * series the markers are thinned and each series' markers start at a
 * different point, so curves that coincide still show every series' markers;
 * markers at one pixel are drawn nested, each further one larger. A series
 * identical to an earlier one says so in the legend.
 */
import { errorBar, layoutPlot, legend, linearScale, niceTicks, svgOpen, tickLabel, xAxis, xTick, yAxis, DEFAULT_PLOT_GEOMETRY, type PlotGeometry } from "./svgAxes.js";
import { marker, seriesStyle } from "./svgMarkers.js";
import { px } from "./svgNumbers.js";

/** One point: x, y and an optional symmetric error on y. */
export type LinePoint = readonly [x: number, y: number, yErr?: number];

/** A named series of points (drawn in the given order). */
export interface LineSeries {
  /** Legend name. */
  readonly name: string;
  /** The points. */
  readonly points: readonly LinePoint[];
}

/** Input of {@link svgLinePlot}. */
export interface LinePlotSpec extends PlotGeometry {
  /** Title above the plot. */
  readonly title: string;
  /** Label of the x axis. */
  readonly xLabel: string;
  /** Label of the y axis. */
  readonly yLabel: string;
  /** The series. */
  readonly series: readonly LineSeries[];
  /** Start the y axis at 0 when all values are non-negative; default true. */
  readonly yFromZero?: boolean;
  /** Most markers drawn per series (more points are thinned evenly); default 12. */
  readonly maxMarkers?: number;
}

/** Marker size (half its width), px. */
export const MARKER_PX = 5;
/** How much larger each further marker at the same pixel is drawn, px. */
export const MARKER_GROWTH_PX = 2.5;

const finiteErr = (e: number | undefined): number => (e !== undefined && Number.isFinite(e) ? Math.abs(e) : 0);

/** Legend names, with "(= other)" for a series whose points equal an earlier series' points. */
export function legendNames(series: readonly LineSeries[]): string[] {
  const seen = new Map<string, string>();
  return series.map((s) => {
    const key = JSON.stringify(s.points);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, s.name);
      return s.name;
    }
    return s.points.length > 0 ? `${s.name} (= ${first})` : s.name;
  });
}

/** Indices of the points of series `i` (of `n`) that get a marker. */
export function markerIndices(count: number, i: number, maxMarkers: number): number[] {
  if (count <= maxMarkers) return [...Array(count).keys()];
  const step = Math.ceil(count / maxMarkers);
  const out: number[] = [];
  for (let k = i % step; k < count; k += step) out.push(k);
  return out;
}

/** Renders a line plot; the same spec gives byte-identical output. Non-finite points are skipped. */
export function svgLinePlot(spec: LinePlotSpec): string {
  const g = { ...DEFAULT_PLOT_GEOMETRY, ...spec };
  const maxMarkers = spec.maxMarkers ?? 12;
  const finite = (s: LineSeries): LinePoint[] => s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const pts = spec.series.flatMap(finite);
  const xs = pts.map(([x]) => x);
  const lows = pts.map(([, y, e]) => y - finiteErr(e));
  const highs = pts.map(([, y, e]) => y + finiteErr(e));
  let yMin = lows.length > 0 ? Math.min(...lows) : 0;
  const yMax = highs.length > 0 ? Math.max(...highs) : 1;
  if ((spec.yFromZero ?? true) && yMin >= 0) yMin = 0;
  const xTicks = niceTicks(xs.length > 0 ? Math.min(...xs) : 0, xs.length > 0 ? Math.max(...xs) : 1);
  const yTicks = niceTicks(yMin, yMax);
  const names = legendNames(spec.series);
  const layout = layoutPlot(g, { title: spec.title, yTickLabels: yTicks.map(tickLabel), legend: names });
  const { area } = layout;
  const x = linearScale(xTicks[0] ?? 0, xTicks[xTicks.length - 1] ?? 1, area.left, area.right);
  const y = linearScale(yTicks[0] ?? 0, yTicks[yTicks.length - 1] ?? 1, area.bottom, area.top);
  const out = svgOpen(layout);
  out.push(...yAxis(area, yTicks, y, spec.yLabel), ...xAxis(area, spec.xLabel, layout.heightPx));
  for (const t of xTicks) out.push(...xTick(area, x(t), tickLabel(t)));
  spec.series.forEach((s, i) => {
    const style = seriesStyle(i);
    const ok = finite(s);
    const dash = style.dash === "" ? "" : ` stroke-dasharray="${style.dash}"`;
    if (ok.length > 1) out.push(`<polyline fill="none" stroke="${style.colour}" stroke-width="2"${dash} points="${ok.map(([a, b]) => `${px(x(a))},${px(y(b))}`).join(" ")}"/>`);
    for (const [a, b, e] of ok) if (finiteErr(e) > 0) out.push(...errorBar(x(a), y(b - finiteErr(e)), y(b + finiteErr(e)), style.colour));
  });
  // markers after every line, so no line hides another series' markers; one drawn where others already are is drawn larger
  const drawn = new Map<string, number>();
  spec.series.forEach((s, i) => {
    const style = seriesStyle(i);
    const ok = finite(s);
    for (const k of markerIndices(ok.length, i, maxMarkers)) {
      const p = ok[k];
      if (p === undefined) continue;
      const at = `${Math.round(x(p[0]))},${Math.round(y(p[1]))}`;
      const before = drawn.get(at) ?? 0;
      drawn.set(at, before + 1);
      out.push(marker(style, x(p[0]), y(p[1]), MARKER_PX + MARKER_GROWTH_PX * before));
    }
  });
  out.push(...legend(area, spec.series.map((_, i) => ({ name: names[i] ?? "", key: { kind: "line", style: seriesStyle(i) } }))), "</svg>");
  return out.join("\n") + "\n";
}
