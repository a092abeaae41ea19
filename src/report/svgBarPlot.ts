/** A grouped bar plot as a pure SVG string: categories on x, one bar per series in each group, optional ± error bars. */
import { errorBar, layoutPlot, legend, linearScale, niceTicks, svgOpen, tickLabel, xAxis, yAxis, DEFAULT_PLOT_GEOMETRY, type PlotGeometry } from "./svgAxes.js";
import { categoryAxis } from "./svgCategoryAxis.js";
import { colour } from "./svgMarkers.js";
import { px } from "./svgNumbers.js";

/** A named series: one value per category, optional symmetric errors. */
export interface BarSeries {
  /** Legend name. */
  readonly name: string;
  /** One value per category (a non-finite value draws no bar). */
  readonly values: readonly number[];
  /** One error per category (a non-finite or zero error draws no error bar); default none. */
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
  /** Category names along x (wrapped at spaces, or slanted when there are many). */
  readonly categories: readonly string[];
  /** The series. */
  readonly series: readonly BarSeries[];
}

/** Renders a grouped bar plot (y from 0); the same spec gives byte-identical output. The plot widens to fit its categories and legend. */
export function svgBarPlot(spec: BarPlotSpec): string {
  const g = { ...DEFAULT_PLOT_GEOMETRY, ...spec };
  const err = (s: BarSeries, j: number): number => {
    const e = Math.abs(s.errors?.[j] ?? 0);
    return Number.isFinite(e) ? e : 0;
  };
  const vals: number[] = [0];
  for (const s of spec.series) s.values.forEach((v, j) => {
    if (Number.isFinite(v)) vals.push(v + err(s, j), v - err(s, j));
  });
  const yTicks = niceTicks(Math.min(...vals), Math.max(...vals));
  const cats = categoryAxis(spec.categories, spec.series.length, g.widthPx - 220);
  const layout = layoutPlot(g, { title: spec.title, yTickLabels: yTicks.map(tickLabel), legend: spec.series.map((s) => s.name), xLabelsPx: cats.labelsPx, minAreaWidthPx: cats.minAreaWidthPx, minLeftPx: cats.minLeftPx });
  const { area } = layout;
  const y = linearScale(yTicks[0] ?? 0, yTicks[yTicks.length - 1] ?? 1, area.bottom, area.top);
  const groups = Math.max(1, spec.categories.length);
  const groupPx = (area.right - area.left) / groups;
  const barPx = (groupPx * 0.8) / Math.max(1, spec.series.length);
  const out = svgOpen(layout);
  out.push(...yAxis(area, yTicks, y, spec.yLabel), ...xAxis(area, spec.xLabel, layout.heightPx), ...cats.draw(area));
  const zero = y(0);
  spec.series.forEach((s, i) => {
    const c = colour(i);
    spec.categories.forEach((_, j) => {
      const v = s.values[j];
      if (v === undefined || !Number.isFinite(v)) return;
      const left = area.left + groupPx * j + groupPx * 0.1 + barPx * i;
      const top = Math.min(y(v), zero);
      out.push(`<rect x="${px(left)}" y="${px(top)}" width="${px(barPx)}" height="${px(Math.abs(zero - y(v)))}" fill="${c}"/>`);
      const e = err(s, j);
      if (e > 0) out.push(...errorBar(left + barPx / 2, y(v - e), y(v + e), "black", Math.min(4, barPx / 2)));
    });
  });
  out.push(...legend(area, spec.series.map((s, i) => ({ name: s.name, key: { kind: "swatch", colour: colour(i) } }))), "</svg>");
  return out.join("\n") + "\n";
}
