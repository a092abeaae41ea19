/**
 * The experiment configuration of `geopipe compare`: topologies × workloads ×
 * scenarios × schedulers × seeds, validated with zod where it enters. Every
 * issue names its field path and the fix (docs/harness.md).
 */
import { z } from "zod";
import { formatIssue, listValid, type InstanceIssue } from "../model/issues.js";
import { validateWith } from "../model/zodIssues.js";
import { UtcHourSchema } from "../model/schemas.js";
import { SCHEDULER_NAMES } from "../schedulers.js";
import { DURATION_SOURCES } from "../workload/trace/bundled.js";
import { COLUMN_MAP_KEYS } from "../workload/trace/formats/index.js";
import { TRACE_FORMATS } from "../workload/trace/types.js";
import type { MeasureSolverName } from "../exact/runMeasure.js";

const range = z.tuple([z.number(), z.number()]);

/** One entry of a generated workload's job mix (see src/workload/mix.ts). */
const MixEntrySchema = z.strictObject({
  model: z.string().min(1),
  weight: z.number().min(0),
  stages: range,
  gpusPerStage: z.array(z.number().int().positive()).min(1),
  microBatchSize: z.array(z.number().int().positive()).min(1),
  microBatches: range,
  iterations: range,
  mfu: range,
});

/** A trace named directly: the options of `importTrace` (src/workload/trace/options.ts), paths relative to the config. */
const TraceSpecSchema = z.strictObject({
  kind: z.literal("trace"),
  file: z.string().min(1),
  format: z.enum(TRACE_FORMATS),
  map: z.partialRecord(z.enum(COLUMN_MAP_KEYS), z.string().min(1)).optional(),
  from: z.union([z.string().min(1), z.number()]).optional(),
  to: z.union([z.string().min(1), z.number()]).optional(),
  utcOffsetHours: z.number().min(-14).max(14).optional(),
  minGpus: z.number().int().min(1).optional(),
  maxJobs: z.number().int().min(1).optional(),
  mapping: z.string().min(1).optional(),
  arrivals: z.enum(["trace", "poisson"]).optional(),
  targetLoad: z.number().positive().optional(),
  durations: z.enum(["trace", "resample"]).optional(),
  durationSource: z.enum(DURATION_SOURCES).optional(),
  windowHours: z.number().positive().optional(),
  startUtc: UtcHourSchema.optional(),
});

/** A workload: a JSON file, a trace, or one generated per seed by `generateWorkload`. */
const WorkloadSpecSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("file"), path: z.string().min(1) }),
  TraceSpecSchema,
  z.strictObject({
    kind: z.literal("generated"),
    jobs: z.number().int().positive(),
    load: z.number().positive().optional(),
    mix: z.array(MixEntrySchema).min(1).optional(),
  }),
]);

/** The exact solvers `gaps.solver` can name (src/exact/runMeasure.ts). */
const GAP_SOLVERS = ["engine", "milp"] as const satisfies readonly MeasureSolverName[];

/** The zod schema of a harness config file. */
export const HarnessConfigSchema = z.strictObject({
  name: z.string().min(1),
  topologies: z.array(z.string().min(1)).min(1),
  workloads: z.array(WorkloadSpecSchema).min(1),
  schedulers: z.array(z.string()).min(1),
  seeds: z.array(z.number().int().min(0)).min(1),
  scenarios: z
    .strictObject({
      bandwidthScale: z.array(z.number().positive()).min(1).optional(),
      load: z.array(z.number().positive()).min(1).optional(),
    })
    .optional(),
  gaps: z
    .strictObject({
      enabled: z.boolean(),
      timeLimitSec: z.number().positive().optional(),
      maxDecisions: z.number().int().positive().optional(),
      offlineJobs: z.number().int().min(0).max(12).optional(),
      offlineSlots: z.number().int().min(2).max(200).optional(),
      alpha: z.number().min(0).max(1).optional(),
      maxWaitEvents: z.number().int().min(0).optional(),
      maxRefused: z.number().int().min(0).optional(),
      solver: z.enum(GAP_SOLVERS).optional(),
      objective: z.unknown().optional(),
    })
    .optional(),
  reference: z.string().optional(),
  baselines: z.array(z.string()).optional(),
  ablations: z.array(z.string()).optional(),
  models: z.string().min(1).optional(),
  pareto: z.boolean().optional(),
  startUtc: UtcHourSchema.optional(),
  records: z.boolean().optional(),
});

/** A trace workload of the grid (the options of `importTrace`; `file` and `mapping` files relative to the config). */
export type TraceSpec = Readonly<z.infer<typeof TraceSpecSchema>>;

/** A workload of the grid. */
export type WorkloadSpec =
  | { readonly kind: "file"; readonly path: string }
  | TraceSpec
  | {
      readonly kind: "generated";
      readonly jobs: number;
      readonly load?: number;
      readonly mix?: ReadonlyArray<z.infer<typeof MixEntrySchema>>;
    };

/** Optimality-gap settings: off unless `enabled`. */
export interface GapSettings {
  /** Compute decision gaps against the exact front (src/exact/runMeasure.ts); default false. */
  readonly enabled: boolean;
  /** The exact solver of the decision measures: the combinatorial engine or the placement MILP (docs/exact.md, "Gaps"); default "engine". */
  readonly solver: MeasureSolverName;
  /** Time limit per exact solve (one MILP question, or one engine solve), seconds; default 10. */
  readonly timeLimitSec: number;
  /** Decisions measured per cell, evenly spaced over the run (the MILP is solved for each); default 20. */
  readonly maxDecisions: number;
  /**
   * The schedule gap runs the scheduler on the first this-many jobs by arrival and compares its mean JCT
   * with the offline MILP bound (src/exact/offline.ts, small instances only); 0 skips it; default 8, at most 12.
   */
  readonly offlineJobs: number;
  /** Time slots of the offline MILP's grid (fewer: faster, weaker but still valid bound); default 40. */
  readonly offlineSlots: number;
  /** α of the weighted gap `α·T/T_ref + (1−α)·cost/cost_ref` (docs/exact.md, "Gaps"); default 0.5. */
  readonly alpha: number;
  /** Decisions that left jobs waiting at which every waiting job is checked for an exact placement, evenly spaced; default 8. */
  readonly maxWaitEvents: number;
  /** Jobs the scheduler refused at arrival as never placeable that are asked of the exact model (empty cluster), evenly spaced; default 8. */
  readonly maxRefused: number;
}

/** Defaults of {@link GapSettings}. */
export const DEFAULT_GAP_SETTINGS: GapSettings = { enabled: false, solver: "engine", timeLimitSec: 10, maxDecisions: 20, offlineJobs: 8, offlineSlots: 40, alpha: 0.5, maxWaitEvents: 8, maxRefused: 8 };

/** A validated config with every default filled in. */
export interface HarnessConfig {
  /** Experiment name (used in captions). */
  readonly name: string;
  /** Topology JSON files, relative to `baseDir`. */
  readonly topologies: readonly string[];
  /** Workloads. */
  readonly workloads: readonly WorkloadSpec[];
  /** Scheduler names (registry names, src/schedulers.ts). */
  readonly schedulers: readonly string[];
  /** Seeds of generated workloads (and repetitions of file workloads). */
  readonly seeds: readonly number[];
  /** Link-capacity factors; default [1]. */
  readonly bandwidthScales: readonly number[];
  /** Load factors; default [1] (generated: × the workload's load; file: arrivals ÷ factor). */
  readonly loads: readonly number[];
  /** Optimality gaps; default {@link DEFAULT_GAP_SETTINGS}. */
  readonly gaps: GapSettings;
  /** The scheduler every reduction is measured for; default "bace". */
  readonly reference: string;
  /** Schedulers in the reduction columns; default the non-ablation schedulers other than the reference. */
  readonly baselines: readonly string[];
  /** Schedulers in the ablation table; default those named `<reference>-no-*`. */
  readonly ablations: readonly string[];
  /** Folder of LLM model files, relative to `baseDir`; null for the bundled `models/`. */
  readonly models: string | null;
  /** Draw pareto.svg (MILP front and each heuristic's point for the first job of the first cell); default false. */
  readonly pareto: boolean;
  /** UTC time of simulated time 0 for workloads that do not state their own (a whole hour); null: not in calendar time. Default null. */
  readonly startUtc: string | null;
  /** Keep each cell's per-job records in `<out>/records/<cell id>.csv`; default false. */
  readonly records: boolean;
  /** Folder relative paths are resolved against (the config file's folder). */
  readonly baseDir: string;
}

/** A parsed config or the issues found, each naming a field path and the fix. */
export type ConfigOutcome =
  | { readonly ok: true; readonly config: HarnessConfig }
  | { readonly ok: false; readonly issues: readonly InstanceIssue[] };

/** The gap settings given, without the removed `objective` key (reported as an issue). */
function withoutObjective<T extends { objective?: unknown }>(gaps: T | undefined): Omit<T, "objective"> {
  if (gaps === undefined) return {} as Omit<T, "objective">;
  const { objective: _removed, ...rest } = gaps;
  return rest;
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** Validates a parsed JSON value as a harness config; `file` names it in issues, `baseDir` resolves its paths. */
export function parseHarnessConfig(value: unknown, file: string, baseDir: string): ConfigOutcome {
  const parsed = validateWith(HarnessConfigSchema, value, file);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const v = parsed.value;
  const issues: InstanceIssue[] = [];
  const known = SCHEDULER_NAMES as readonly string[];
  v.schedulers.forEach((name, i) => {
    if (!known.includes(name)) issues.push({ file, path: `schedulers[${i}]`, message: `unknown scheduler "${name}"; use one of: ${listValid(known)}` });
  });
  const reference = v.reference ?? "bace";
  if (!v.schedulers.includes(reference)) {
    issues.push({ file, path: v.reference === undefined ? "schedulers" : "reference", message: `the reference scheduler "${reference}" must be listed in schedulers; add it` });
  }
  for (const key of ["baselines", "ablations"] as const) {
    v[key]?.forEach((name, i) => {
      if (!v.schedulers.includes(name)) issues.push({ file, path: `${key}[${i}]`, message: `"${name}" is not in schedulers; add it there or remove it here (schedulers: ${listValid(v.schedulers)})` });
    });
  }
  v.workloads.forEach((w, i) => {
    if (w.kind !== "trace" || v.seeds.length < 2) return;
    if (w.windowHours === undefined && w.arrivals !== "poisson" && w.durations !== "resample") {
      issues.push({
        file,
        path: `workloads[${i}]`,
        message: `${v.seeds.length} seeds would all give the same jobs; say what a seed changes — "windowHours" (a random window), "arrivals": "poisson" or "durations": "resample" — or give one seed`,
      });
    }
  });
  if (v.gaps?.objective !== undefined) {
    issues.push({
      file,
      path: "gaps.objective",
      message: "was removed: every measured decision now reports its cost excess at its own time, its time excess at its own cost and the weighted gap against the exact front (docs/exact.md, \"Gaps\"); remove the key (gaps.alpha sets the weight)",
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  const ablations = v.ablations ?? v.schedulers.filter((s) => s.startsWith(`${reference}-no-`));
  return {
    ok: true,
    config: {
      name: v.name,
      topologies: unique(v.topologies),
      workloads: v.workloads,
      schedulers: unique(v.schedulers),
      seeds: unique(v.seeds),
      bandwidthScales: unique(v.scenarios?.bandwidthScale ?? [1]),
      loads: unique(v.scenarios?.load ?? [1]),
      gaps: { ...DEFAULT_GAP_SETTINGS, ...withoutObjective(v.gaps) },
      reference,
      baselines: v.baselines ?? v.schedulers.filter((s) => s !== reference && !ablations.includes(s)),
      ablations,
      models: v.models ?? null,
      pareto: v.pareto ?? false,
      startUtc: v.startUtc ?? null,
      records: v.records ?? false,
      baseDir,
    },
  };
}

/** The issues of a failed {@link parseHarnessConfig}, one per line. */
export function formatConfigIssues(issues: readonly InstanceIssue[]): string {
  return issues.map(formatIssue).join("\n");
}
