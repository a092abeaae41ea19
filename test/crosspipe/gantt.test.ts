import { describe, expect, test } from "vitest";
import { escapeXml, ganttSvg, tickStep } from "../../src/crosspipe/gantt.js";
import { uniformInstance } from "../../src/crosspipe/instance.js";
import { oneFOneB } from "../../src/crosspipe/oneFOneB.js";

const inst = uniformInstance({ stages: 3, microBatches: 4, latencyMs: 300, activationBytes: 5e8, bandwidthGbps: 8 });
const schedule = oneFOneB(inst);

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe("ganttSvg", () => {
  test("ganttSvg(inst, schedule) draws one bar per op, F and B in their own colours", () => {
    const svg = ganttSvg(inst, schedule);
    expect(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")).toBe(true);
    expect(svg.endsWith("</svg>")).toBe(true);
    expect(count(svg, 'class="op op-F"')).toBe(12);
    expect(count(svg, 'class="op op-B"')).toBe(12);
    expect(count(svg, 'fill="#4e79a7"')).toBe(12);
    expect(count(svg, 'fill="#f28e2b"')).toBe(12);
    for (let k = 0; k < 3; k++) expect(svg).toContain(`>stage ${k}</text>`);
  });

  test("ganttSvg(inst, schedule) draws every transfer on its hop's lane with a dashed latency tail", () => {
    const svg = ganttSvg(inst, schedule);
    expect(count(svg, 'class="transfer transfer-forward"')).toBe(8);
    expect(count(svg, 'class="transfer transfer-backward"')).toBe(8);
    expect(count(svg, 'stroke-dasharray="2,2"')).toBe(16);
  });

  test("ganttSvg(inst, schedule, { title }) escapes the title and draws a labelled time axis", () => {
    const svg = ganttSvg(inst, schedule, { title: "1F1B <S=3> & M=4" });
    expect(svg).toContain("<title>1F1B &lt;S=3&gt; &amp; M=4</title>");
    expect(svg).not.toContain("<S=3>");
    expect(count(svg, 'class="tick"')).toBeGreaterThanOrEqual(5);
    expect(svg).toContain(">time (s)</text>");
    expect(svg).toContain(">0</text>");
  });

  test("ganttSvg(inst, schedule) defaults the title to the schedule's name and makespan", () => {
    expect(ganttSvg(uniformInstance({ stages: 2, microBatches: 2 }), oneFOneB(uniformInstance({ stages: 2, microBatches: 2 })))).toContain(
      "<title>1f1b: makespan 9 s</title>",
    );
  });

  test("tickStep(span) picks 1, 2 or 5 × 10^n near span/10", () => {
    expect(tickStep(33)).toBe(5);
    expect(tickStep(100)).toBe(10);
    expect(tickStep(0.37)).toBe(0.05);
    expect(tickStep(0)).toBe(1);
  });

  test("escapeXml(text) escapes the five XML specials", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  });
});
