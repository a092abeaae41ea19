/** A line plot as a pure SVG string: series of (x, y, optional ± error) points, axes, ticks, legend, error bars. */
import {
  colour, DEFAULT_PLOT_GEOMETRY, errorBar, legend, linearScale, niceTicks, plotArea, px, svgOpen, tickLabel, xAxis, xTick, yAxis,
  type PlotGeometry,
} from "./svgAxes.js";

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
}

/** Renders a line plot; the same spec gives byte-identical output. Non-finite points are skipped. */
export function svgLinePlot(spec: LinePlotSpec): string {
  const g = { ...DEFAULT_PLOT_GEOMETRY, ...spec };
  const area = plotArea(g);
  const pts = spec.series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const xs = pts.map(([x]) => x);
  const lows = pts.map(([, y, e]) => y - (e ?? 0));
  const highs = pts.map(([, y, e]) => y + (e ?? 0));
  let yMin = lows.length > 0 ? Math.min(...lows) : 0;
  const yMax = highs.length > 0 ? Math.max(...highs) : 1;
  if ((spec.yFromZero ?? true) && yMin >= 0) yMin = 0;
  const xTicks = niceTicks(xs.length > 0 ? Math.min(...xs) : 0, xs.length > 0 ? Math.max(...xs) : 1);
  const yTicks = niceTicks(yMin, yMax);
  const x = linearScale(xTicks[0] ?? 0, xTicks[xTicks.length - 1] ?? 1, area.left, area.right);
  const y = linearScale(yTicks[0] ?? 0, yTicks[yTicks.length - 1] ?? 1, area.bottom, area.top);
  const out = svgOpen(g, spec.title);
  out.push(...yAxis(area, yTicks, y, spec.yLabel), ...xAxis(area, spec.xLabel, g.heightPx));
  for (const t of xTicks) out.push(...xTick(area, x(t), tickLabel(t)));
  spec.series.forEach((s, i) => {
    const c = colour(i);
    const ok = s.points.filter(([px0, py0]) => Number.isFinite(px0) && Number.isFinite(py0));
    if (ok.length > 1) out.push(`<polyline fill="none" stroke="${c}" stroke-width="2" points="${ok.map(([a, b]) => `${px(x(a))},${px(y(b))}`).join(" ")}"/>`);
    for (const [a, b, e] of ok) {
      if (e !== undefined && Number.isFinite(e) && e > 0) out.push(...errorBar(x(a), y(b - e), y(b + e), c));
      out.push(`<circle cx="${px(x(a))}" cy="${px(y(b))}" r="3.5" fill="${c}"/>`);
    }
  });
  out.push(...legend(area, spec.series.map((s) => s.name)), "</svg>");
  return out.join("\n") + "\n";
}
