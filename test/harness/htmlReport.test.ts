import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { runMain, tmpDirs, useCliCapture } from "../helpers/cli.js";
import { DEFAULT_GAP_SETTINGS } from "../../src/harness/config.js";
import { htmlReport } from "../../src/harness/htmlReport.js";
import type { CellRecord, OkRecord } from "../../src/harness/results.js";

/** Debian's Chromium (installed by .ci/run). */
const CHROMIUM = "/usr/bin/chromium";
const LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const tmp = tmpDirs("geopipe-report-");
useCliCapture();

const SCHEDULERS = ["bace", "delay-first", "fifo", "bace-no-costmin"];

function rec(scheduler: string, seed: number, load: number): OkRecord {
  const jctH = (1 + SCHEDULERS.indexOf(scheduler) / 4) * load * (1 + seed / 10);
  return {
    id: `${scheduler}-${seed}-${load}`,
    status: "ok",
    spec: { topology: "../instances/default/topology.json", workload: { kind: "generated", jobs: 20 }, bandwidthScale: 1, load, scheduler, seed, gaps: DEFAULT_GAP_SETTINGS },
    metrics: { jobs: 20, finished: 20, unschedulable: 0, policyErrors: 0, meanJctSec: jctH * 3600, p95JctSec: null, totalCostUsd: 100 + 10 * seed, totalEnergyKwh: 1, makespanSec: 1 },
    jctsSec: [0.5, 1, 2, 4].map((f) => f * jctH * 3600),
    gaps: null,
    gapError: null,
    wallMs: 10,
  };
}

/** 2 scenarios × 4 schedulers × 2 seeds, one of them failed. */
function records(): CellRecord[] {
  const out: CellRecord[] = [];
  for (const load of [1, 2]) for (const seed of [1, 2]) for (const s of SCHEDULERS) out.push(rec(s, seed, load));
  const last = out[out.length - 1] as OkRecord;
  out[out.length - 1] = { id: last.id, status: "error", spec: last.spec, error: "VerificationError: a test failure", wallMs: 1 };
  return out;
}

const run = runMain;

/** A results folder with config.json, and `geopipe report` run on it. */
async function writtenReport(): Promise<{ html: string; file: string }> {
  const dir = tmp();
  writeFileSync(path.join(dir, "results.jsonl"), records().map((r) => JSON.stringify(r)).join("\n") + "\n");
  writeFileSync(path.join(dir, "config.json"), JSON.stringify({ name: "browser-test", schedulers: SCHEDULERS, seeds: [1, 2] }));
  const file = path.join(dir, "report.html");
  const r = await run(["report", path.join(dir, "results.jsonl"), "--out", file]);
  expect(r.code, r.err).toBe(0);
  return { html: readFileSync(file, "utf8"), file };
}

describe("geopipe report", () => {
  it("htmlReport(records) is one page with every table, every plot inline and the config, fetching nothing", async () => {
    const { html } = await writtenReport();
    expect(html.match(/<table /g)).toHaveLength(4); // main, ablation, failures, timing
    for (const id of ["table-main-table", "table-ablation-table", "table-failures-table", "table-timing-table"]) expect(html).toContain(`id="${id}"`);
    expect(html.match(/<svg /g)).toHaveLength(3); // 2 JCT CDFs and the cost plot
    expect(html).toContain("&quot;name&quot;: &quot;browser-test&quot;");
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/);
    expect(html).not.toMatch(/\b(src|href)="(?!#)/); // only in-page links
    expect(html).toContain("default-src 'none'");
  });

  it("htmlReport(records) is deterministic", () => {
    expect(htmlReport(records(), {})).toBe(htmlReport([...records()], {}));
  });

  it("geopipe report on a folder or a missing file exits 2 with one line", async () => {
    const dir = tmp();
    const a = await run(["report", dir]);
    expect(a.code).toBe(2);
    expect(a.err.trimEnd().split("\n")).toHaveLength(1);
    const b = await run(["report", path.join(dir, "nope.jsonl")]);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/^geopipe: results file not found: .*nope\.jsonl; pass the results\.jsonl of a geopipe compare run\n$/);
  });

  const haveChromium = existsSync(CHROMIUM);
  it("Chromium (headless) loads the report without console errors or requests, and shows the tables and plots", async () => {
    if (!haveChromium) {
      // in CI the browser is installed by .ci/run: its absence is a failure there, a skip elsewhere
      expect(process.env.CI === undefined || process.env.CI === "", `${CHROMIUM} is missing; .ci/run installs it with apt-get install chromium`).toBe(true);
      return;
    }
    const { file } = await writtenReport();
    const url = pathToFileURL(file).href;
    const profile = tmp();
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS, viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      page.on("request", (r) => {
        if (r.url() !== url) problems.push(`request: ${r.url()}`);
      });
      await page.goto(url, { waitUntil: "load" });
      expect(await page.title()).toBe("geopipe compare report: browser-test");
      expect(await page.locator("table").count()).toBe(4);
      expect(await page.locator("#table-main-table tbody tr").count()).toBe(8); // 2 scenarios × 4 schedulers
      expect(await page.locator("#table-failures-table tbody tr").count()).toBe(1);
      // bace at load 1: seeds 1 and 2 give 1.1 h and 1.2 h → 1.150 ± 0.071
      const baceRow = page.locator("#table-main-table tbody tr").filter({ hasText: "bace" }).first();
      await expect.poll(() => baceRow.locator("td").nth(6).textContent()).toBe("1.150 ± 0.071");
      expect(await page.locator("figure svg").count()).toBe(3);
      const box = await page.locator("figure svg").first().boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(300); // drawn, not collapsed
      expect(await page.locator("#config-json").textContent()).toContain('"name": "browser-test"');
      const shot = await page.screenshot({ fullPage: true });
      expect(shot.subarray(1, 4).toString()).toBe("PNG");
      if (process.env.GEOPIPE_REPORT_SCREENSHOT !== undefined) writeFileSync(process.env.GEOPIPE_REPORT_SCREENSHOT, shot);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
