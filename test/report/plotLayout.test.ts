import { describe, expect, it } from "vitest";
import { LINE_PX, textWidthPx } from "../../src/report/svgAxes.js";
import { svgBarPlot } from "../../src/report/svgBarPlot.js";
import { legendNames, markerIndices, svgLinePlot } from "../../src/report/svgLinePlot.js";
import { MARKER_SHAPES, PALETTE, seriesStyle } from "../../src/report/svgMarkers.js";
import { scenarioLabels } from "../../src/harness/plots.js";

const SCHEDULERS = ["bace", "delay-first", "cost-first", "fifo", "sjf", "bace-no-priority", "bace-no-pathfinder", "bace-no-costmin"];

/** n scenario labels as the harness writes them. */
function categories(n: number, prefix = ""): string[] {
  return [...Array(n).keys()].map((i) => `${prefix}bw×${[1, 0.5, 0.25][i % 3]} load×${[0.5, 1, 2][Math.floor(i / 3) % 3]}${i >= 9 ? ` mix${Math.floor(i / 9)}` : ""}`);
}

function barPlot(cats: readonly string[]): string {
  return svgBarPlot({ title: "cost", xLabel: "scenario", yLabel: "USD", categories: cats, series: SCHEDULERS.map((name, i) => ({ name, values: cats.map((_, j) => 10 + i + j), errors: cats.map(() => 1) })) });
}

const width = (svg: string): number => Number(/<svg [^>]*width="([0-9.]+)"/.exec(svg)?.[1]);

/** The horizontal extent of every category label: [left, right] px, from its anchor and estimated width. */
function labelBoxes(svg: string): Array<{ text: string; left: number; right: number; slanted: boolean; x: number }> {
  const out: Array<{ text: string; left: number; right: number; slanted: boolean; x: number }> = [];
  for (const m of svg.matchAll(/<text x="([0-9.]+)" y="[0-9.]+" text-anchor="end" transform="rotate\(-45[^"]*\)">([^<]*)<\/text>/g)) {
    const x = Number(m[1]);
    const w = textWidthPx(m[2] ?? "");
    out.push({ text: m[2] ?? "", left: x - w * Math.SQRT1_2, right: x, slanted: true, x });
  }
  for (const m of svg.matchAll(/<text text-anchor="middle">((?:<tspan[^>]*>[^<]*<\/tspan>)+)<\/text>/g)) {
    const spans = [...(m[1] ?? "").matchAll(/<tspan x="([0-9.]+)"[^>]*>([^<]*)<\/tspan>/g)];
    const x = Number(spans[0]?.[1]);
    const w = Math.max(...spans.map((s) => textWidthPx(s[2] ?? "")));
    out.push({ text: spans.map((s) => s[2]).join(" "), left: x - w / 2, right: x + w / 2, slanted: false, x });
  }
  return out.sort((a, b) => a.x - b.x);
}

describe("plot layout", () => {
  for (const n of [3, 9, 18, 36]) {
    it(`svgBarPlot with ${n} scenarios × 8 schedulers: category labels do not overlap and stay on the canvas; the legend is outside the plot area`, () => {
      const svg = barPlot(categories(n));
      const boxes = labelBoxes(svg);
      expect(boxes).toHaveLength(n);
      for (const b of boxes) {
        expect(b.left).toBeGreaterThanOrEqual(0);
        expect(b.right).toBeLessThanOrEqual(width(svg));
      }
      for (let i = 1; i < boxes.length; i++) {
        const [a, b] = [boxes[i - 1]!, boxes[i]!];
        if (a.slanted) expect((b.x - a.x) * Math.SQRT1_2).toBeGreaterThanOrEqual(LINE_PX); // parallel slanted lines one line height apart
        else expect(b.left).toBeGreaterThan(a.right);
      }
      const axisRight = Number(/<line x1="[0-9.]+" y1="([0-9.]+)" x2="([0-9.]+)" y2="\1" stroke="black"\/>/.exec(svg)?.[2]);
      for (const m of svg.matchAll(/<text x="([0-9.]+)" y="[0-9.]+">([^<]*)<\/text>/g)) {
        if (!SCHEDULERS.includes(m[2] ?? "")) continue;
        expect(Number(m[1])).toBeGreaterThan(axisRight);
        expect(Number(m[1]) + textWidthPx(m[2] ?? "")).toBeLessThanOrEqual(width(svg));
      }
    });
  }

  it("svgBarPlot slants labels only when wrapping them would not fit", () => {
    expect(labelBoxes(barPlot(categories(9))).every((b) => !b.slanted)).toBe(true);
    expect(labelBoxes(barPlot(categories(18, "gen(jobs=200) "))).every((b) => b.slanted)).toBe(true);
  });

  it("scenarioLabels(scenarios) names only the fields that differ", () => {
    const sc = (topology: string, workload: string, bandwidthScale: number, load: number) => ({ key: "", topology, workload, bandwidthScale, load });
    expect(scenarioLabels([sc("instances/a", "w", 1, 1), sc("instances/a", "w", 0.5, 1)])).toEqual(["bw×1", "bw×0.5"]);
    expect(scenarioLabels([sc("x/a", "w", 1, 1), sc("x/b", "w", 1, 2)])).toEqual(["a load×1", "b load×2"]);
    expect(scenarioLabels([sc("a", "w", 1, 1)])).toEqual(["bw×1 load×1"]);
  });
});

describe("telling series apart", () => {
  it("seriesStyle(i): the first 56 series differ in colour or marker shape", () => {
    const keys = new Set([...Array(56).keys()].map((i) => `${seriesStyle(i).colour}|${seriesStyle(i).shape}`));
    expect(keys.size).toBe(56);
    expect(new Set(PALETTE).size).toBe(8);
    expect(new Set(MARKER_SHAPES).size).toBe(7);
  });

  it("markerIndices(count, i, max) thins long series and starts each series at a different point", () => {
    expect(markerIndices(5, 3, 12)).toEqual([0, 1, 2, 3, 4]);
    const a = markerIndices(40, 0, 12);
    const b = markerIndices(40, 1, 12);
    expect(a.length).toBeLessThanOrEqual(12);
    expect(a.filter((k) => b.includes(k))).toEqual([]);
  });

  it("svgLinePlot draws markers of series at the same point nested, each further one larger", () => {
    const series = ["a", "b", "c", "d"].map((name) => ({ name, points: [[1, 2]] as const }));
    const svg = svgLinePlot({ title: "t", xLabel: "x", yLabel: "y", series: [...series, { name: "other", points: [[3, 4]] }] });
    const circle = /<circle cx="([0-9.]+)" cy="([0-9.]+)" r="([0-9.]+)"/.exec(svg); // series a: a circle of r = 0.9 × 5
    const square = /<rect x="[0-9.]+" y="[0-9.]+" width="([0-9.]+)" height="[0-9.]+" fill="none" stroke="#D55E00"/.exec(svg); // b, one step larger
    expect(Number(circle?.[3])).toBeCloseTo(4.5, 6);
    expect(Number(square?.[1])).toBeCloseTo(1.6 * 7.5, 6);
    expect(svg).toContain(">b (= a)</text>");
  });

  it("svgLinePlot with 8 identical curves draws every series' own markers and names the duplicates in the legend", () => {
    const points = [...Array(40).keys()].map((k): readonly [number, number] => [k / 10, (k + 1) / 40]);
    const svg = svgLinePlot({ title: "t", xLabel: "x", yLabel: "y", series: SCHEDULERS.map((name) => ({ name, points })) });
    for (let i = 0; i < 8; i++) {
      const c = seriesStyle(i).colour;
      const markers = svg.match(new RegExp(`<(circle|rect|polygon|path) [^>]*stroke="${c}"[^>]*/>`, "g")) ?? [];
      expect(markers.length, SCHEDULERS[i]).toBeGreaterThan(5); // its own markers, legend included
    }
    expect(legendNames(SCHEDULERS.map((name) => ({ name, points })))).toEqual(["bace", ...SCHEDULERS.slice(1).map((n) => `${n} (= bace)`)]);
    expect(svg).toContain(">fifo (= bace)</text>");
  });
});
