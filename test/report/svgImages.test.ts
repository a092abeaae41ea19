import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_GAP_SETTINGS } from "../../src/harness/config.js";
import { writeReport } from "../../src/harness/report.js";
import type { OkRecord } from "../../src/harness/results.js";
import { svgBarPlot } from "../../src/report/svgBarPlot.js";
import { svgToPdf, svgToPng } from "../../src/report/svgImages.js";

const svg = svgBarPlot({ title: "Cost − a test ≥ 0", xLabel: "scenario", yLabel: "USD", categories: ["a", "b"], series: [{ name: "bace", values: [1, 2] }] });
const svgWidth = Number(/<svg [^>]*width="([0-9.]+)"/.exec(svg)?.[1]);
const svgHeight = Number(/<svg [^>]*height="([0-9.]+)"/.exec(svg)?.[1]);

describe("PNG and PDF copies of a plot", () => {
  it("svgToPng(svg) is a PNG twice the SVG's size, the same bytes every time", () => {
    const png = svgToPng(svg);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(2 * svgWidth); // IHDR width
    expect(png.readUInt32BE(20)).toBe(2 * svgHeight);
    expect(svgToPng(svg).equals(png)).toBe(true);
  });

  it("svgToPdf(svg) is a one-page PDF of the SVG's size, the same bytes every time", () => {
    const pdf = svgToPdf(svg);
    const text = pdf.toString("latin1");
    expect(text.startsWith("%PDF-")).toBe(true);
    expect(text).toMatch(new RegExp(`/MediaBox \\[0 0 ${svgWidth} ${svgHeight}\\]`));
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(svgToPdf(svg).equals(pdf)).toBe(true);
  });

  it("writeReport(records) writes a PNG and a PDF beside every SVG", () => {
    const rec = (scheduler: string, load: number): OkRecord => ({
      id: `${scheduler}-${load}`,
      status: "ok",
      spec: { topology: "t.json", workload: { kind: "generated", jobs: 2 }, bandwidthScale: 1, load, scheduler, seed: 1, gaps: DEFAULT_GAP_SETTINGS },
      metrics: { jobs: 2, finished: 2, unschedulable: 0, policyErrors: 0, meanJctSec: 3600 * load, p95JctSec: null, totalCostUsd: 5, totalEnergyKwh: 1, makespanSec: 1 },
      jctsSec: [1800, 7200 * load],
      gaps: null,
      gapError: null,
      wallMs: 1,
    });
    const dir = mkdtempSync(path.join(tmpdir(), "geopipe-images-"));
    writeReport([rec("bace", 1), rec("fifo", 1), rec("bace", 2), rec("fifo", 2)], {}, dir);
    const names = readdirSync(dir);
    const svgs = names.filter((n) => n.endsWith(".svg"));
    expect(svgs.sort()).toEqual(["cost.svg", "jct-cdf_t_gen-jobs-2-_bw1_load1.svg", "jct-cdf_t_gen-jobs-2-_bw1_load2.svg"]);
    for (const s of svgs) {
      const base = s.replace(/\.svg$/, "");
      expect(readFileSync(path.join(dir, `${base}.png`)).subarray(1, 4).toString()).toBe("PNG");
      expect(readFileSync(path.join(dir, `${base}.pdf`)).subarray(0, 5).toString()).toBe("%PDF-");
    }
  });
});
