import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runMain as run, tmpDirs, useCliCapture } from "../helpers/cli.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const tmp = tmpDirs("geopipe-distributed-");
useCliCapture();

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const ONE_LINE = /^geopipe: [^\n]+\n$/;

function config(dir: string): string {
  const file = path.join(dir, "c.json");
  writeFileSync(
    file,
    JSON.stringify({
      name: "sharded",
      topologies: [path.join(ROOT, "instances/default/topology.json")],
      workloads: [{ kind: "generated", jobs: 8 }],
      schedulers: ["bace", "delay-first", "bace-no-costmin"],
      seeds: [1, 2],
      scenarios: { bandwidthScale: [1, 0.5] },
    }),
  );
  return file;
}

describe("geopipe compare --queue/--shard, geopipe worker, geopipe merge: errors", () => {
  it("geopipe compare --queue with a malformed URL exits 2 with one line naming it and the form to use", async () => {
    const r = await run(["compare", "--config", config(tmp()), "--queue", "localhost:6379"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(ONE_LINE);
    expect(r.err).toMatch(/--queue: "localhost:6379" is not a Redis URL .*use redis:\/\/HOST:PORT\[\/DB\]/);
  });

  it("geopipe compare --queue and geopipe worker --queue with Redis unreachable exit 2 with one line naming the URL", async () => {
    const port = await closedPort();
    const url = `redis://127.0.0.1:${port}/0`;
    for (const args of [["compare", "--config", config(tmp()), "--queue", url], ["worker", "--queue", url]]) {
      const r = await run(args);
      expect(r.code, args[0]).toBe(2);
      expect(r.err).toMatch(ONE_LINE);
      expect(r.err).toContain(`--queue: cannot reach Redis at ${url} (`);
      expect(r.err).toMatch(/ECONNREFUSED.*start redis-server there or fix the URL/);
    }
  });

  it("geopipe compare with a bad --shard, or --shard with --queue, exits 2 with one line", async () => {
    const c = config(tmp());
    for (const [args, why] of [
      [["--shard", "0/4"], /--shard: expected K\/N with whole numbers 1 ≤ K ≤ N .* got "0\/4"/],
      [["--shard", "3"], /--shard: expected K\/N .* got "3"/],
      [["--shard", "1/2", "--queue", "redis://127.0.0.1:6379"], /--queue and --shard: use one/],
      [["--queue", "redis://127.0.0.1:6379", "--workers", "2"], /--workers: with --queue the cells run in `geopipe worker` processes/],
      [["--attempts", "2"], /--attempts: only with --queue URL/],
    ] as const) {
      const r = await run(["compare", "--config", c, "--out", path.join(tmp(), "o"), ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toMatch(ONE_LINE);
      expect(r.err).toMatch(why);
    }
  });

  it("geopipe merge with a missing input exits 2 naming it", async () => {
    const r = await run(["merge", "/nonexistent/results-1-of-2.jsonl", "--out", path.join(tmp(), "r.jsonl")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^geopipe: results file not found: \/nonexistent\/results-1-of-2\.jsonl; pass the results\*\.jsonl files/);
  });
});

describe("geopipe compare --shard K/N + geopipe merge + geopipe table", () => {
  it("three shards merged give the same tables as one local run, byte for byte; merging a shard twice reports duplicates; a conflicting duplicate is refused", async () => {
    const dir = tmp();
    const c = config(dir);
    const whole = path.join(dir, "whole");
    expect((await run(["compare", "--config", c, "--out", whole, "--workers", "0", "--quiet"])).code).toBe(0);
    const shards = path.join(dir, "shards");
    let total = 0;
    for (const k of [1, 2, 3]) {
      const r = await run(["compare", "--config", c, "--out", shards, "--workers", "0", "--shard", `${k}/3`]);
      expect(r.code).toBe(0);
      expect(r.out).toBe(""); // a slice prints no tables: they would cover part of the grid
      expect(r.err).toMatch(new RegExp(`shard ${k}/3: ran \\d+, skipped 0, failed 0, pending 0`));
      total += readFileSync(path.join(shards, `results-${k}-of-3.jsonl`), "utf8").trim().split("\n").length;
    }
    expect(total).toBe(12);
    expect(existsSync(path.join(shards, "main.md"))).toBe(false);
    const merged = path.join(dir, "merged", "results.jsonl");
    const inputs = [1, 2, 3].map((k) => path.join(shards, `results-${k}-of-3.jsonl`));
    const m = await run(["merge", ...inputs, "--out", merged]);
    expect(m.code).toBe(0);
    expect(m.err).toMatch(/merged 3 file\(s\): 12 cell\(s\) \(0 failed\) into .*; 0 duplicate\(s\), 0 conflicting/);
    for (const table of ["main", "all"]) {
      const a = await run(["table", path.join(whole, "results.jsonl"), "--table", table]);
      const b = await run(["table", merged, "--table", table]);
      expect(b.code).toBe(0);
      expect(b.out).toBe(a.out);
    }
    expect((await run(["table", merged, "--table", "ablation", "--format", "tex"])).out).toBe(readFileSync(path.join(whole, "ablation.tex"), "utf8"));
    expect((await run(["table", merged])).out).toBe(readFileSync(path.join(whole, "main.md"), "utf8"));

    const twice = await run(["merge", ...inputs, inputs[0] as string, "--out", path.join(dir, "twice.jsonl")]);
    expect(twice.code).toBe(0);
    const firstShardCells = readFileSync(inputs[0] as string, "utf8").trim().split("\n").length;
    expect(twice.err).toMatch(new RegExp(`12 cell\\(s\\) .*; ${firstShardCells} duplicate\\(s\\), 0 conflicting`));

    const lines = readFileSync(inputs[1] as string, "utf8").trim().split("\n");
    const altered = JSON.parse(lines[0] as string) as { id: string; metrics: { totalCostUsd: number } };
    altered.metrics.totalCostUsd += 1;
    const other = path.join(dir, "other.jsonl");
    writeFileSync(other, JSON.stringify(altered) + "\n");
    const out = path.join(dir, "conflict.jsonl");
    const bad = await run(["merge", ...inputs, other, "--out", out]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`conflict: cell ${altered.id} (`);
    expect(bad.err).toContain(`has different results in ${inputs[1]} and ${other}`);
    expect(bad.err).toMatch(/1 conflicting duplicate\(s\): .*nothing written/);
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});
