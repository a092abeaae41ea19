/**
 * Seeded synthetic workloads (docs/workloads.md): a job mix over the bundled
 * models and Poisson arrivals at a target load.
 *
 * Load ρ = λ · E[GPU-seconds per job] / (total GPUs of the topology), where a
 * job's GPU-seconds are `S · g · runtime` of its reference run
 * ({@link referenceRun}: alone, on the fastest region that holds it). The
 * generator draws all job shapes first, takes the mean GPU-seconds of the
 * drawn jobs as E[·], and sets the arrival rate `λ = ρ · totalGpus / E[·]`;
 * inter-arrival times are exponential with that rate, starting at `startSec`.
 * ρ = 1 offers exactly the work the GPUs can do if nothing ever waits or
 * crosses a slow link; schedulers see more than ρ in practice.
 */
import { formatPath, InstanceError, type InstanceIssue } from "../model/issues.js";
import { checkWorkload } from "../model/crossCheck.js";
import { WorkloadSchema } from "../model/schemas.js";
import type { Job, LlmModel, Topology, Workload } from "../model/types.js";
import { checkMixEntry } from "./checkMix.js";
import { DEFAULT_MIX, type MixEntry } from "./mix.js";
import { referenceRun, totalGpus } from "./reference.js";
import { exponential, intBetween, logUniform, mulberry32, pick, uniform, type Rng } from "../util/rng.js";

/** Options of {@link generateWorkload}; `seed`, `jobs`, `topology` and `models` are required, the rest default to {@link DEFAULT_GENERATE_OPTIONS}. */
export interface GenerateOptions {
  /** Seed of the mulberry32 stream; the same options always give the same workload. */
  readonly seed: number;
  /** Number of jobs (integer ≥ 0). */
  readonly jobs: number;
  /** Target load ρ (> 0), see the file comment. Default 0.5 (docs/workloads.md: the default topology saturates near 0.53). */
  readonly load?: number;
  /** Job mix. Default {@link DEFAULT_MIX} (entries that cannot be used are dropped). */
  readonly mix?: readonly MixEntry[];
  /** Topology the jobs must fit (and whose GPUs set the load). */
  readonly topology: Topology;
  /** Loaded LLM models by name. */
  readonly models: ReadonlyMap<string, LlmModel>;
  /** Time origin of the arrival process, seconds. Default 0. */
  readonly startSec?: number;
  /** Prefix of job ids (`<prefix><index from 1, zero-padded>`). Default "g". */
  readonly idPrefix?: string;
}

/** Defaults of the optional {@link GenerateOptions}. */
export const DEFAULT_GENERATE_OPTIONS: Required<Pick<GenerateOptions, "load" | "startSec" | "idPrefix">> = {
  load: 0.5,
  startSec: 0,
  idPrefix: "g",
};

/** A generated workload and the figures that set its arrival rate. */
export interface GeneratedWorkload {
  /** The workload (valid against the topology and models it was generated for). */
  readonly workload: Workload;
  /** λ, jobs per second. */
  readonly arrivalRatePerSec: number;
  /** Mean reference GPU-seconds of the drawn jobs (E[·] in the load definition). */
  readonly meanGpuSeconds: number;
  /** Total GPUs of the topology. */
  readonly totalGpus: number;
  /** The mix entries actually used (the default mix without dropped entries). */
  readonly mix: readonly MixEntry[];
}

const FILE = "generateWorkload(options)";

/** The mix to use, or every issue found. */
function resolveMix(o: GenerateOptions): { mix: readonly MixEntry[]; issues: InstanceIssue[] } {
  if (o.mix === undefined) {
    const mix = DEFAULT_MIX.filter((e, i) => checkMixEntry(e, `DEFAULT_MIX[${i}]`, FILE, o.topology, o.models).length === 0);
    const issues: InstanceIssue[] =
      mix.length === 0 ? [{ file: FILE, path: "mix", message: "no entry of DEFAULT_MIX fits these models and topology; pass options.mix" }] : [];
    return { mix, issues };
  }
  const issues = o.mix.flatMap((e, i) => checkMixEntry(e, `mix[${i}]`, FILE, o.topology, o.models));
  if (o.mix.length === 0 || !o.mix.some((e) => e.weight > 0)) {
    issues.push({ file: FILE, path: "mix", message: "needs at least one entry with weight > 0" });
  }
  return { mix: o.mix, issues };
}

/** Issues of the scalar options. */
function checkScalars(o: GenerateOptions & typeof DEFAULT_GENERATE_OPTIONS): InstanceIssue[] {
  const issues: InstanceIssue[] = [];
  const bad = (path: string, message: string): void => void issues.push({ file: FILE, path, message });
  if (!Number.isInteger(o.seed)) bad("seed", `must be an integer, got ${o.seed}`);
  if (!Number.isInteger(o.jobs) || o.jobs < 0) bad("jobs", `must be an integer >= 0, got ${o.jobs}`);
  if (!(o.load > 0) || !Number.isFinite(o.load)) bad("load", `must be a finite number > 0 (e.g. 0.5), got ${o.load}`);
  if (!(o.startSec >= 0) || !Number.isFinite(o.startSec)) bad("startSec", `must be a finite number >= 0, got ${o.startSec}`);
  if (totalGpus(o.topology) <= 0) bad("topology", `"${o.topology.name}" has no GPUs; give its regions GPUs`);
  return issues;
}

/** Rounds to 3 decimals (milliseconds for times). */
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Draws one job shape from `entry` (arrival filled in later). */
function drawJob(rng: Rng, entry: MixEntry, id: string): Job {
  return {
    id,
    model: entry.model,
    arrivalSec: 0,
    stages: intBetween(rng, entry.stages[0], entry.stages[1]),
    gpusPerStage: pick(rng, entry.gpusPerStage),
    microBatchSize: pick(rng, entry.microBatchSize),
    microBatches: intBetween(rng, entry.microBatches[0], entry.microBatches[1]),
    iterations: Math.max(1, Math.round(logUniform(rng, entry.iterations[0], entry.iterations[1]))),
    mfu: round3(uniform(rng, entry.mfu[0], entry.mfu[1])),
  };
}

/**
 * Generates a workload and reports the arrival rate it used. Throws an
 * {@link InstanceError} naming the option path (e.g. `mix[1].stages`) when
 * the options are invalid; every job it returns passes the workload schema and
 * `checkWorkload` against `topology` and `models`.
 */
export function generateWorkloadWithStats(options: GenerateOptions): GeneratedWorkload {
  const o = { ...DEFAULT_GENERATE_OPTIONS, ...options };
  const resolved = resolveMix(o);
  const issues = [...checkScalars(o), ...resolved.issues];
  if (issues.length > 0) throw new InstanceError(issues);
  const mix = resolved.mix;
  const rng = mulberry32(o.seed);
  const weights = mix.map((e) => e.weight);
  const width = String(o.jobs).length;
  const shapes: Job[] = [];
  let gpuSeconds = 0;
  for (let i = 0; i < o.jobs; i++) {
    const entry = pick(rng, mix, weights);
    const job = drawJob(rng, entry, `${o.idPrefix}${String(i + 1).padStart(width, "0")}`);
    const run = referenceRun(o.topology, o.models.get(job.model) as LlmModel, job);
    if (run === null) throw new InstanceError([{ file: FILE, path: "mix", message: `job ${job.id} (${job.model}) has no reference placement; lower the stages or GPUs of that mix entry` }]);
    gpuSeconds += run.gpuSeconds;
    shapes.push(job);
  }
  const gpus = totalGpus(o.topology);
  const meanGpuSeconds = o.jobs > 0 ? gpuSeconds / o.jobs : 0;
  const arrivalRatePerSec = meanGpuSeconds > 0 ? (o.load * gpus) / meanGpuSeconds : 0;
  let t = o.startSec;
  const jobs = shapes.map((job) => {
    t += exponential(rng, arrivalRatePerSec);
    return { ...job, arrivalSec: round3(t) };
  });
  const workload: Workload = {
    name: `generated seed=${o.seed} jobs=${o.jobs} load=${o.load} on ${o.topology.name}`,
    jobs,
  };
  assertValid(workload, o.topology, o.models);
  return { workload, arrivalRatePerSec, meanGpuSeconds, totalGpus: gpus, mix };
}

/** {@link generateWorkloadWithStats} without the figures. */
export function generateWorkload(options: GenerateOptions): Workload {
  return generateWorkloadWithStats(options).workload;
}

/** Re-checks a produced workload like the instance loader does; throws {@link InstanceError} when it would be rejected. */
export function assertValid(workload: Workload, topology: Topology, models: ReadonlyMap<string, LlmModel>): void {
  const schema = WorkloadSchema.safeParse(workload);
  if (!schema.success) {
    throw new InstanceError(schema.error.issues.map((i) => ({ file: workload.name, path: formatPath(i.path), message: i.message })));
  }
  const check = checkWorkload(workload, workload.name, topology, models);
  if (check.errors.length > 0) throw new InstanceError(check.errors);
}
