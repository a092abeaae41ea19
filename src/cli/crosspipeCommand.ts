/**
 * `geopipe crosspipe`: schedule the micro-batches of one placed pipeline with
 * GPipe, 1F1B, the greedy list scheduler and the MILP; print makespan, bubble
 * ratio, peak in-flight micro-batches and the MILP's status, bound and gap;
 * write one Gantt SVG per schedule when `--out` is given. Every schedule is
 * checked by `verifySchedule`; a rejected schedule makes the exit code 3.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Option, type Command } from "commander";
import { makespanLowerBound } from "../crosspipe/bounds.js";
import { ganttSvg } from "../crosspipe/gantt.js";
import { gpipe } from "../crosspipe/gpipe.js";
import { greedy, greedyRule, GREEDY_RULES } from "../crosspipe/greedy.js";
import { hopTiming, stageCount, type PipelineInstance } from "../crosspipe/instance.js";
import { milp, type MilpOutcome } from "../crosspipe/milp.js";
import { oneFOneB } from "../crosspipe/oneFOneB.js";
import { readPlacementFile } from "../crosspipe/placementFile.js";
import type { Schedule } from "../crosspipe/schedule.js";
import { scheduleStats } from "../crosspipe/stats.js";
import { verifySchedule } from "../crosspipe/verify.js";
import { formatIssue } from "../model/issues.js";
import { REJECTED_POINT_EXIT, UserError } from "./errors.js";
import { MODELS_DIR } from "./paths.js";
import { fmt, textTable } from "./table.js";

/** Schedules the command can run. */
export const CROSSPIPE_SCHEDULES = ["gpipe", "1f1b", "greedy", "milp", "all"] as const;

/** Options of the `crosspipe` command as parsed by commander (strings as typed). */
export interface CrosspipeCommandOptions {
  /** Placement JSON file. */
  readonly placement: string;
  /** Micro-batches M. */
  readonly microbatches: string;
  /** Memory limit K: integer ≥ 1, or `none`. */
  readonly memory: string;
  /** One of {@link CROSSPIPE_SCHEDULES}. Default `all`. */
  readonly schedule?: string;
  /** MILP time limit, s. Default {@link DEFAULT_CROSSPIPE_TIME_LIMIT_SEC}. */
  readonly timeLimit?: string;
  /** Use the in-order MILP (a restriction, much faster). Default false. */
  readonly inOrder?: boolean;
  /** Folder for the Gantt SVGs; none written when absent. */
  readonly out?: string;
  /** Folder of model JSON files for placements that name a model. Default the bundled `models/`. */
  readonly models?: string;
}

/** Default MILP time limit of the command, s. */
export const DEFAULT_CROSSPIPE_TIME_LIMIT_SEC = 10;

function parseIntFlag(flag: string, raw: string, what: string): number {
  const x = Number(raw);
  if (!Number.isInteger(x) || x < 1) throw new UserError(`${flag}: must be an integer ≥ 1 (${what}), got "${raw}"`);
  return x;
}

/** `--memory`: an integer ≥ 1, or `none`/`inf` for no limit. */
export function parseMemoryFlag(raw: string): number {
  if (["none", "inf", "infinity"].includes(raw.toLowerCase())) return Infinity;
  const x = Number(raw);
  if (!Number.isInteger(x) || x < 1) {
    throw new UserError(`--memory: must be an integer ≥ 1 (micro-batches a stage may hold) or "none", got "${raw}"`);
  }
  return x;
}

function parseSeconds(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_CROSSPIPE_TIME_LIMIT_SEC;
  const x = Number(raw);
  if (!(x > 0)) throw new UserError(`--time-limit: must be a number of seconds > 0, got "${raw}"`);
  return x;
}

interface Row {
  readonly algorithm: string;
  readonly file: string;
  readonly schedule: Schedule;
  readonly milp: MilpOutcome | null;
}

/** Header lines describing the instance. */
function describe(name: string, inst: PipelineInstance): string[] {
  const S = stageCount(inst);
  const ms = (s: number): string => fmt(s * 1000);
  const lines = [
    `placement ${name}: S = ${S} stages, M = ${inst.microBatches} micro-batches, K = ${inst.memoryLimit === Infinity ? "none" : inst.memoryLimit}`,
    `  forward ms:  ${inst.forwardSec.map(ms).join(" ")}`,
    `  backward ms: ${inst.backwardSec.map(ms).join(" ")}`,
  ];
  inst.hops.forEach((h, k) => {
    const t = hopTiming(inst, k);
    lines.push(`  hop ${k}: latency ${fmt(h.latencyMs)} ms, ${fmt(h.bandwidthGbps)} Gbit/s, ${fmt(h.activationBytes / 1e6)} MB → transmit ${ms(t.transmitSec)} ms`);
  });
  lines.push(`  lower bound on the makespan: ${fmt(makespanLowerBound(inst))} s`);
  return lines;
}

/** Runs the command; returns the exit code (0, or 3 when a schedule fails verification). */
export async function crosspipeCommand(opts: CrosspipeCommandOptions): Promise<number> {
  const choice = opts.schedule ?? "all";
  if (!(CROSSPIPE_SCHEDULES as readonly string[]).includes(choice)) {
    throw new UserError(`--schedule: unknown schedule "${choice}"; valid: ${CROSSPIPE_SCHEDULES.join(", ")}`);
  }
  const microBatches = parseIntFlag("--microbatches", opts.microbatches, "micro-batches per iteration");
  const memoryLimit = parseMemoryFlag(opts.memory);
  const timeLimitSec = parseSeconds(opts.timeLimit);
  const resolved = readPlacementFile(opts.placement, { microBatches, memoryLimit, modelsDir: opts.models ?? MODELS_DIR });
  if (!resolved.ok) throw new UserError(resolved.issues.map(formatIssue).join("\n"));
  const { name, instance: inst } = resolved.value;

  const wants = (s: string): boolean => choice === "all" || choice === s;
  const rows: Row[] = [];
  if (wants("gpipe")) rows.push({ algorithm: "gpipe", file: "gpipe", schedule: gpipe(inst), milp: null });
  if (wants("1f1b")) rows.push({ algorithm: "1f1b", file: "1f1b", schedule: oneFOneB(inst), milp: null });
  if (wants("greedy")) {
    if (choice === "all") for (const r of GREEDY_RULES) rows.push({ algorithm: `greedy(${r})`, file: `greedy-${r}`, schedule: greedyRule(inst, r), milp: null });
    const g = greedy(inst);
    rows.push({ algorithm: `greedy = ${g.name}`, file: "greedy", schedule: g, milp: null });
  }
  if (wants("milp")) {
    const outcome = await milp(inst, { timeLimitSec, inOrder: opts.inOrder ?? false });
    rows.push({ algorithm: opts.inOrder ? "milp(in-order)" : "milp", file: "milp", schedule: outcome.schedule, milp: outcome });
  }

  const gpipeSpan = rows.find((r) => r.algorithm === "gpipe")?.schedule;
  const base = gpipeSpan === undefined ? null : scheduleStats(inst, gpipeSpan).makespanSec;
  let rejected = 0;
  const table = rows.map((r) => {
    const st = scheduleStats(inst, r.schedule);
    const violations = verifySchedule(inst, r.schedule);
    if (violations.length > 0) rejected++;
    const m = r.milp;
    return [
      r.algorithm,
      st.makespanSec,
      base === null ? "—" : `${((100 * (st.makespanSec - base)) / base).toFixed(1)} %`,
      st.bubbleRatio,
      st.peakInFlight.join("/"),
      violations.length === 0 ? "ok" : `${violations.length} violations (${violations[0]?.message ?? ""})`,
      m === null ? "—" : m.solved ? m.status : `${m.status} (greedy meets the bound)`,
      m === null ? "—" : fmt(m.lowerBoundSec),
      m === null ? "—" : `${(100 * m.gap).toFixed(2)} %`,
      m === null ? "—" : m.solved ? m.solveMs.toFixed(0) : "0",
    ];
  });
  const out = [
    ...describe(name, inst),
    "",
    textTable(["schedule", "makespan s", "vs gpipe", "bubble", "peak in-flight", "verified", "milp status", "bound s", "gap", "solve ms"], table),
  ];
  const milpRow = rows.find((r) => r.milp !== null)?.milp;
  if (milpRow) {
    out.push(
      `milp: ${milpRow.size.binaries} binaries, ${milpRow.size.rows} rows, ${opts.inOrder ? "in-order form (a restriction: its bound holds for in-order schedules only)" : "general form"}, time limit ${fmt(timeLimitSec)} s`,
    );
  }
  if (opts.out !== undefined) {
    mkdirSync(opts.out, { recursive: true });
    for (const r of rows) {
      const file = path.join(opts.out, `${r.file}.svg`);
      writeFileSync(file, ganttSvg(inst, r.schedule, { title: `${name}: ${r.algorithm}, makespan ${fmt(scheduleStats(inst, r.schedule).makespanSec)} s` }));
      out.push(`wrote ${file}`);
    }
  }
  process.stdout.write(out.join("\n") + "\n");
  return rejected > 0 ? REJECTED_POINT_EXIT : 0;
}

/** Adds the `crosspipe` command to `program`. */
export function registerCrosspipeCommand(program: Command): Command {
  return program
    .command("crosspipe")
    .description("schedule one placed pipeline (GPipe, 1F1B, greedy, MILP) under latency, bandwidth and a memory limit; print makespans, write Gantt SVGs")
    .requiredOption("--placement <file>", "placement JSON (explicit stage/hop times, or topology/model/job/path references; see docs/crosspipe.md)")
    .requiredOption("--microbatches <M>", "micro-batches per iteration")
    .requiredOption("--memory <K>", 'micro-batches a stage may hold at once, or "none"')
    .addOption(new Option("--schedule <name>", "schedule(s) to run").choices([...CROSSPIPE_SCHEDULES]).default("all"))
    .option("--time-limit <seconds>", `MILP wall-clock limit (default ${DEFAULT_CROSSPIPE_TIME_LIMIT_SEC}); the incumbent and gap are reported when it is reached`)
    .option("--in-order", "MILP restricted to in-order schedules (much faster; its bound holds only within that class)")
    .option("--out <dir>", "write one Gantt SVG per schedule into this folder")
    .option("--models <dir>", "folder of model JSON files for placements that name a model", MODELS_DIR)
    .action(async (opts: CrosspipeCommandOptions) => {
      process.exitCode = await crosspipeCommand(opts);
    });
}
