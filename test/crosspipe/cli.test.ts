import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, test, vi } from "vitest";
import { registerCrosspipeCommand } from "../../src/cli/crosspipeCommand.js";
import { UserError } from "../../src/cli/errors.js";
import { shutdownHighs } from "../../src/lp/backends/highs.js";

const dir = mkdtempSync(path.join(tmpdir(), "crosspipe-cli-"));
const example = path.resolve("experiments/crosspipe/example-placement.json");
const explicit = {
  name: "two-stage",
  stages: [
    { forwardMs: 100, backwardMs: 200 },
    { forwardMs: 100, backwardMs: 200 },
  ],
  hops: [{ latencyMs: 50, bandwidthGbps: 4, activationBytes: 16_777_216 }],
};
const writeJson = (name: string, value: unknown): string => {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
};

/** Runs `crosspipe …` through a fresh program; returns stdout and the exit code set by the action. */
async function run(args: readonly string[]): Promise<{ stdout: string; exitCode: number | undefined }> {
  const program = new Command("geopipe").exitOverride();
  registerCrosspipeCommand(program);
  let stdout = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const before = process.exitCode;
  try {
    await program.parseAsync(["crosspipe", ...args], { from: "user" });
    const code = process.exitCode;
    return { stdout, exitCode: typeof code === "number" ? code : undefined };
  } finally {
    spy.mockRestore();
    process.exitCode = before;
  }
}

afterAll(async () => {
  await shutdownHighs();
});

describe("geopipe crosspipe", () => {
  test("crosspipe --placement explicit.json --schedule all prints every schedule, verified, and the MILP row with status, bound and gap", async () => {
    const file = writeJson("explicit.json", explicit);
    const { stdout, exitCode } = await run(["--placement", file, "--microbatches", "3", "--memory", "2", "--time-limit", "5"]);
    expect(exitCode).toBe(0);
    expect(stdout).toContain("placement two-stage: S = 2 stages, M = 3 micro-batches, K = 2");
    for (const name of ["gpipe", "1f1b", "greedy(backward-first)", "greedy(forward-first)", "greedy = ", "milp"]) {
      expect(stdout).toContain(name);
    }
    const milpLine = stdout.split("\n").find((l) => l.startsWith("milp "));
    expect(milpLine).toMatch(/ ok +optimal/);
    // Six schedule rows, each verified.
    expect(stdout.split("\n").filter((l) => / ok +/.test(l))).toHaveLength(6);
  });

  test("crosspipe --placement example-placement.json --schedule greedy --out DIR resolves the references and writes one SVG", async () => {
    const out = path.join(dir, "svg");
    const { stdout, exitCode } = await run(["--placement", example, "--microbatches", "8", "--memory", "4", "--schedule", "greedy", "--out", out]);
    expect(exitCode).toBe(0);
    expect(stdout).toContain("S = 4 stages, M = 8 micro-batches, K = 4");
    expect(stdout).toMatch(/hop 1: latency 44\.9 ms, 4\.112 Gbit\/s/);
    expect(stdout.split("\n").filter((l) => /^(gpipe|1f1b|milp) /.test(l))).toEqual([]);
    expect(readdirSync(out)).toEqual(["greedy.svg"]);
    expect(readFileSync(path.join(out, "greedy.svg"), "utf8")).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  test("crosspipe with stages[1].forwardMs = 0 throws UserError naming the field and the bound", async () => {
    const bad = { ...explicit, stages: [explicit.stages[0], { forwardMs: 0, backwardMs: 200 }] };
    const file = writeJson("bad.json", bad);
    const err = await run(["--placement", file, "--microbatches", "4", "--memory", "2"]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toContain("stages[1].forwardMs: must be > 0, got 0");
  });

  test("crosspipe with a hop count that does not match the stages throws UserError naming hops", async () => {
    const file = writeJson("hops.json", { ...explicit, hops: [] });
    const err = await run(["--placement", file, "--microbatches", "4", "--memory", "2"]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/hops: has 0 entries but 2 stages need 1/);
  });

  test("crosspipe with an unknown region in path throws UserError naming path[2]", async () => {
    const ref = JSON.parse(readFileSync(example, "utf8")) as Record<string, unknown>;
    const file = writeJson("region.json", { ...ref, topology: path.resolve("instances/default/topology.json"), path: ["us-east-1", "us-east-1", "mars-1", "eu-central-1"] });
    const err = await run(["--placement", file, "--microbatches", "4", "--memory", "2"]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toContain("path[2]");
  });

  test("crosspipe --memory 0 and --microbatches 1.5 throw UserError naming the flag", async () => {
    const file = writeJson("ok.json", explicit);
    const mem = await run(["--placement", file, "--microbatches", "4", "--memory", "0"]).catch((e: unknown) => e);
    expect(mem).toBeInstanceOf(UserError);
    expect((mem as Error).message).toMatch(/^--memory: /);
    const m = await run(["--placement", file, "--microbatches", "1.5", "--memory", "none"]).catch((e: unknown) => e);
    expect(m).toBeInstanceOf(UserError);
    expect((m as Error).message).toMatch(/^--microbatches: /);
  });
});
