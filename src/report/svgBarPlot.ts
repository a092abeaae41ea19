/** A grouped bar plot as a pure SVG string: categories on x, one bar per series in each group, optional ± error bars. */
import {
  colour, DEFAULT_PLOT_GEOMETRY, errorBar, legend, linearScale, niceTicks, plotArea, px, svgOpen, xAxis, xTick, yAxis,
  type PlotGeometry,
} from "./svgAxes.js";

/** A named series: one value per category, optional symmetric errors. */
export interface BarSeries {
  /** Legend name. */
  readonly name: string;
  /** One value per category (a non-finite value draws no bar). */
  readonly values: readonly number[];
  /** One error per category; default none. */
  readonly errors?: readonly number[];
}

/** Input of {@link svgBarPlot}. */
export interface BarPlotSpec extends PlotGeometry {
  /** Title above the plot. */
  readonly title: string;
  /** Label of the x axis. */
  readonly xLabel: string;
  /** Label of the y axis. */
  readonly yLabel: string;
  /** Category names along x. */
  readonly categories: readonly string[];
  /** The series. */
  readonly series: readonly BarSeries[];
}

/** Renders a grouped bar plot (y from 0); the same spec gives byte-identical output. */
export function svgBarPlot(spec: BarPlotSpec): string {
  const g = { ...DEFAULT_PLOT_GEOMETRY, ...spec };
  const area = plotArea(g);
  const vals: number[] = [0];
  for (const s of spec.series) s.values.forEach((v, j) => {
    if (Number.isFinite(v)) vals.push(v + Math.abs(s.errors?.[j] ?? 0), v - Math.abs(s.errors?.[j] ?? 0));
  });
  const yTicks = niceTicks(Math.min(...vals), Math.max(...vals));
  const y = linearScale(yTicks[0] ?? 0, yTicks[yTicks.length - 1] ?? 1, area.bottom, area.top);
  const groups = Math.max(1, spec.categories.length);
  const groupPx = (area.right - area.left) / groups;
  const barPx = (groupPx * 0.8) / Math.max(1, spec.series.length);
  const out = svgOpen(g, spec.title);
  out.push(...yAxis(area, yTicks, y, spec.yLabel), ...xAxis(area, spec.xLabel, g.heightPx));
  spec.categories.forEach((cat, j) => out.push(...xTick(area, area.left + groupPx * (j + 0.5), cat)));
  const zero = y(0);
  spec.series.forEach((s, i) => {
    const c = colour(i);
    spec.categories.forEach((_, j) => {
      const v = s.values[j];
      if (v === undefined || !Number.isFinite(v)) return;
      const left = area.left + groupPx * j + groupPx * 0.1 + barPx * i;
      const top = Math.min(y(v), zero);
      out.push(`<rect x="${px(left)}" y="${px(top)}" width="${px(barPx)}" height="${px(Math.abs(zero - y(v)))}" fill="${c}"/>`);
      const e = s.errors?.[j];
      if (e !== undefined && Number.isFinite(e) && e > 0) out.push(...errorBar(left + barPx / 2, y(v - e), y(v + e), "black"));
    });
  });
  out.push(...legend(area, spec.series.map((s) => s.name)), "</svg>");
  return out.join("\n") + "\n";
}
