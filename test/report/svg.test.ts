import { describe, expect, it } from "vitest";
import { escapeXml, niceTicks } from "../../src/report/svgAxes.js";
import { svgBarPlot } from "../../src/report/svgBarPlot.js";
import { svgLinePlot, type LinePlotSpec } from "../../src/report/svgLinePlot.js";

/** A tiny well-formedness check: every tag closes in order, attributes are quoted, one root. */
function wellFormed(xml: string): { ok: boolean; problem?: string } {
  const stack: string[] = [];
  let roots = 0;
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(xml); m !== null; m = tag.exec(xml)) {
    const between = xml.slice(last, m.index);
    if (between.includes("<") || between.includes(">")) return { ok: false, problem: `stray bracket near ${m.index}` };
    if (/&(?!amp;|lt;|gt;|quot;|apos;)/.test(between)) return { ok: false, problem: "bare ampersand" };
    last = tag.lastIndex;
    const [, close, name, , self] = m;
    if (close === "/") {
      if (stack.pop() !== name) return { ok: false, problem: `unbalanced </${name}>` };
    } else if (self !== "/") {
      if (stack.length === 0) roots++;
      stack.push(name as string);
    } else if (stack.length === 0) roots++;
  }
  if (/[<>]/.test(xml.slice(last))) return { ok: false, problem: "trailing bracket" };
  return stack.length === 0 && roots === 1 ? { ok: true } : { ok: false, problem: `open: ${stack.join(",")}, roots ${roots}` };
}

const spec: LinePlotSpec = {
  title: "Blocking <vs> load & more",
  xLabel: "offered load (Erlang)",
  yLabel: "blocking rate",
  series: [
    { name: "cba", points: [[4, 0.01, 0.005], [8, 0.1, 0.02], [12, 0.3, 0.05]] },
    { name: "ff", points: [[4, 0.02], [8, 0.12], [12, 0.33, 0.04]] },
  ],
};

describe("svg plots", () => {
  it("wellFormed(xml) rejects broken markup (the checker itself can fail)", () => {
    expect(wellFormed("<svg><g></svg>").ok).toBe(false);
    expect(wellFormed("<svg><text>a & b</text></svg>").ok).toBe(false);
    expect(wellFormed('<svg><rect x="1"/></svg>').ok).toBe(true);
  });

  it("svgLinePlot(spec) is well-formed, escapes text and draws one polyline per series, points and error bars", () => {
    const svg = svgLinePlot(spec);
    expect(wellFormed(svg)).toEqual({ ok: true });
    expect(svg).toContain("Blocking &lt;vs&gt; load &amp; more");
    expect(svg.match(/<polyline/g)?.length).toBe(2);
    // hollow markers, a shape per series (circles, then squares), 3 points each plus one in the legend
    expect(svg.match(/<circle /g)?.length).toBe(4);
    expect(svg.match(/<rect [^>]*stroke="#D55E00"/g)?.length).toBe(4);
    // 4 error bars (points with yErr > 0) of 3 lines each
    expect(svg.match(/<line [^>]*stroke="#(0072B2|D55E00)"\/>/g)?.length).toBe(12);
    expect(svg).toContain(">cba</text>");
    expect(svg).toContain(">ff</text>");
  });

  it("svgLinePlot(spec) is deterministic: the same input gives byte-identical output", () => {
    const copy: LinePlotSpec = JSON.parse(JSON.stringify(spec));
    expect(svgLinePlot(copy)).toBe(svgLinePlot(spec));
    expect(svgLinePlot({ ...spec, title: "other" })).not.toBe(svgLinePlot(spec));
  });

  it("svgLinePlot(spec) copes with no points and single points", () => {
    expect(wellFormed(svgLinePlot({ ...spec, series: [] })).ok).toBe(true);
    expect(wellFormed(svgLinePlot({ ...spec, series: [{ name: "one", points: [[1, 1]] }] })).ok).toBe(true);
  });

  it("svgBarPlot(spec) is well-formed and deterministic, with one bar per finite value", () => {
    const bar = {
      title: "Per-iteration time",
      xLabel: "method",
      yLabel: "ms",
      categories: ["load 4", "load 8"],
      series: [{ name: "cba", values: [1, 2], errors: [0.1, 0.2] }, { name: "ff", values: [1.5, NaN] }],
    };
    const svg = svgBarPlot(bar);
    expect(wellFormed(svg)).toEqual({ ok: true });
    expect(svg.match(/<rect [^>]*fill="#(0072B2|D55E00)"/g)?.length).toBe(3 + 2); // 3 bars + 2 legend swatches
    expect(svgBarPlot(JSON.parse(JSON.stringify(bar)))).toBe(svg);
  });

  it("niceTicks(min, max) covers the range with round steps", () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(3, 47)).toEqual([0, 10, 20, 30, 40, 50]);
    const t = niceTicks(5, 5);
    expect(t[0]).toBeLessThanOrEqual(5);
    expect(t[t.length - 1]).toBeGreaterThanOrEqual(5);
  });

  it("escapeXml(s) escapes the five XML specials", () => {
    expect(escapeXml(`<a & "b" 'c'>`)).toBe("&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;");
  });
});
