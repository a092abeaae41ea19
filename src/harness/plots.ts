/**
 * SVG plots from cell records: the JCT CDF per scheduler (one plot per
 * scenario, JCTs pooled over seeds, log10 hours on x) and the electricity cost per scheduler
 * (grouped bars per scenario, mean ± std over seeds). Pure and deterministic.
 * The Pareto-front plot waits for src/exact's `pareto` (not written here).
 */
import { meanStdOf } from "../report/meanStd.js";
import { svgBarPlot } from "../report/svgBarPlot.js";
import { svgLinePlot, type LinePoint } from "../report/svgLinePlot.js";
import type { CellRecord, OkRecord } from "./results.js";
import { groupRecords, type Scenario } from "./tables.js";

/** Options of the plots. */
export interface PlotOptions {
  /** Most points drawn per CDF curve (evenly spaced quantiles); default 40. */
  readonly cdfPoints?: number;
}

/** Defaults of {@link PlotOptions}. */
export const DEFAULT_PLOT_OPTIONS: Required<PlotOptions> = { cdfPoints: 40 };

/** A plot and the file name it is written under. */
export interface NamedSvg {
  /** File name (no folder). */
  readonly file: string;
  /** SVG text. */
  readonly svg: string;
}

/** A short, file-name-safe label of a scenario. */
export function scenarioSlug(s: Scenario): string {
  const topo = s.topology.replace(/^.*\//, "");
  return `${topo}_${s.workload}_bw${s.bandwidthScale}_load${s.load}`.replace(/[^A-Za-z0-9._-]+/g, "-");
}

/**
 * Short labels of scenarios for a category axis: the fields that differ
 * between them (topology file name, workload, `bw×`, `load×`), space-separated
 * so the axis can wrap them; `bw×… load×…` when none differs.
 */
export function scenarioLabels(scenarios: readonly Scenario[]): string[] {
  const parts = (s: Scenario): string[] => [s.topology.replace(/^.*\//, ""), s.workload, `bw×${s.bandwidthScale}`, `load×${s.load}`];
  const all = scenarios.map(parts);
  const varies = [0, 1, 2, 3].map((k) => new Set(all.map((p) => p[k])).size > 1);
  const keep = varies.some(Boolean) ? varies : [false, false, true, true];
  return all.map((p) => p.filter((_, k) => keep[k]).join(" "));
}

/** Empirical CDF of ascending `sorted` as at most `maxPoints` (x, F(x)) points. */
export function cdfPoints(sorted: readonly number[], maxPoints: number): LinePoint[] {
  const n = sorted.length;
  if (n === 0) return [];
  const k = Math.min(n, Math.max(2, maxPoints));
  const out: LinePoint[] = [];
  for (let i = 0; i < k; i++) {
    const idx = k === 1 ? n - 1 : Math.round((i * (n - 1)) / (k - 1));
    out.push([sorted[idx] as number, (idx + 1) / n]);
  }
  return out;
}

const isOk = (r: CellRecord | undefined): r is OkRecord => r !== undefined && r.status === "ok";

/** One JCT CDF plot per scenario, a curve per scheduler; x is log10 of the JCT in hours (JCTs span minutes to days). */
export function jctCdfPlots(records: readonly CellRecord[], options: PlotOptions = {}): NamedSvg[] {
  const o = { ...DEFAULT_PLOT_OPTIONS, ...options };
  const g = groupRecords(records);
  return g.scenarios.map((sc) => {
    const series = g.schedulers.map((name) => {
      const jcts = g.seeds(sc.key).flatMap((seed) => {
        const r = g.at(sc.key, name, seed);
        return isOk(r) ? r.jctsSec.filter((x) => x > 0).map((x) => Math.log10(x / 3600)) : [];
      });
      return { name, points: cdfPoints(jcts.sort((a, b) => a - b), o.cdfPoints) };
    });
    return {
      file: `jct-cdf_${scenarioSlug(sc)}.svg`,
      svg: svgLinePlot({ title: `JCT CDF — ${sc.workload}, bandwidth ×${sc.bandwidthScale}, load ×${sc.load}`, xLabel: "log10 JCT (h): 0 = 1 h, 1 = 10 h", yFromZero: true, yLabel: "fraction of jobs", series }),
    };
  });
}

/** Electricity cost per scheduler: a bar group per scenario, mean ± std over seeds. */
export function costBarPlot(records: readonly CellRecord[]): NamedSvg {
  const g = groupRecords(records);
  const series = g.schedulers.map((name) => {
    const stats = g.scenarios.map((sc) =>
      meanStdOf(g.seeds(sc.key).flatMap((seed) => {
        const r = g.at(sc.key, name, seed);
        return isOk(r) ? [r.metrics.totalCostUsd] : [];
      })),
    );
    return { name, values: stats.map((s) => s.mean), errors: stats.map((s) => s.std) };
  });
  const categories = scenarioLabels(g.scenarios);
  return { file: "cost.svg", svg: svgBarPlot({ title: "Electricity cost per scheduler (mean ± std over seeds)", xLabel: "scenario", yLabel: "total cost (USD)", categories, series }) };
}
