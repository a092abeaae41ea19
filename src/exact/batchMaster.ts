/**
 * The restricted master of batch column generation (`batchColumns.ts`):
 * jobs of one shape (every field but the id equal, so the same paths, scores
 * and capacity use) form a class that shares its columns; a column is one
 * path of a class, its variable counts how many of the class's jobs take it.
 *
 *   min Σ_p score_p·λ_p + big·Σ_c a_c
 *   Σ_{p of c} λ_p + a_c = n_c                      (conv_c, one per class)
 *   Σ_p g_c·n_r(p)·λ_p ≤ free_r                     (gpu_r, one per region)
 *   Σ_p use_l(p)·λ_p ≤ residual_l                   (bw_l, one per link)
 *
 *   Σ_{p of c_b} n_b(p)·λ_p (≤ | ≥) k_b (+ e_b)        (br_b, one per branch: `batchBranch.ts`)
 *
 * with n_b(p) the stages of p in region r_b (at stage k_b only, or at all).
 *
 * `a_c` (artificial: jobs left out at a large cost) and `e_b` (on `≥` rows,
 * at the same cost) keep the LP feasible. As a MILP, λ and a are integers.
 */
import { Model, type Term, type Variable } from "../lp/model.js";
import type { Job, PipelinePath } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { evaluateInView, objectiveOf, type PlacementObjective } from "./evaluate.js";
import { applyStart } from "./exactScheduler.js";
import type { Coefficients } from "./coefficients.js";
import { arcsOfRegions, pathSums, type PathArc, type PathGraph } from "./pathGraph.js";
import type { PathObjective } from "./pathObjective.js";

/** Jobs of one shape: they share coefficients, graph, objective and columns. */
export interface ShapeClass {
  /** Indices of the class's jobs in the batch. */
  readonly members: readonly number[];
  /** Coefficients of its first job (the others' are equal). */
  readonly coef: Coefficients;
  /** Its DAG without prices. */
  readonly graph: PathGraph;
  /** Its weighted score. */
  readonly obj: PathObjective;
}

/** One path of one class, with what it uses of the shared capacities. */
export interface Column {
  /** Class index. */
  readonly cls: number;
  /** Region index per stage. */
  readonly regions: readonly number[];
  /** The path's score. */
  readonly cost: number;
  /** Stages per region index. */
  readonly stages: ReadonlyMap<number, number>;
  /** Gbit/s reserved per link key. */
  readonly gbps: ReadonlyMap<string, number>;
  /** Class and regions, for de-duplication. */
  readonly key: string;
}

/** The class key of a job: every field but its id. */
export function shapeKey(job: Job): string {
  const { id: _id, ...rest } = job;
  return JSON.stringify(rest, Object.keys(rest).sort());
}

/** Groups `jobs` by shape (first-seen order; `aggregate: false` puts each job in its own class). */
export function groupByShape(jobs: readonly Job[], aggregate: boolean): number[][] {
  const byKey = new Map<string, number[]>();
  jobs.forEach((job, i) => {
    const key = aggregate ? shapeKey(job) : `#${i}`;
    const members = byKey.get(key);
    if (members === undefined) byKey.set(key, [i]);
    else members.push(i);
  });
  return [...byKey.values()];
}

/** The column of `regions` for class `cls`, or null when the path is not in the MILP's feasible set. */
export function columnOf(cls: number, k: ShapeClass, regions: readonly number[]): Column | null {
  const gr = k.graph;
  const arcs = arcsOfRegions(gr, regions);
  if (arcs === null) return null;
  const s = pathSums(gr, regions, arcs);
  if (s === null || !s.fits) return null;
  const stages = new Map<number, number>();
  for (const r of regions) stages.set(r, (stages.get(r) ?? 0) + 1);
  const gbps = new Map<string, number>();
  arcs.forEach((i, st) => {
    const e = ((gr.out[st] as PathArc[][])[regions[st] as number] as PathArc[])[i] as PathArc;
    if (e.link >= 0) {
      const key = gr.linkKeys[e.link] as string;
      gbps.set(key, (gbps.get(key) ?? 0) + e.grantGbps);
    }
  });
  return { cls, regions, cost: k.obj.value(s.bottleneckSec, s.timeSumSec, s.costRateSum, s.fixedCostUsd), stages, gbps, key: `${cls}:${regions.join(",")}` };
}

/** One branching row (`batchBranch.ts`): the stages class `cls` places in region `region`, at most or at least `rhs`. */
export interface Branch {
  /** Class index. */
  readonly cls: number;
  /** Region index. */
  readonly region: number;
  /** Stage index, or −1: the row counts the class's stages in the region at this stage only, or at every stage. */
  readonly stage: number;
  /** `"le"`: ≤ rhs; `"ge"`: ≥ rhs. */
  readonly sense: "le" | "ge";
  /** Right-hand side (an integer). */
  readonly rhs: number;
}

/** Stages of column `col` that branch row `b` counts. */
export function branchUse(b: Branch, col: Column): number {
  if (col.cls !== b.cls) return 0;
  return b.stage < 0 ? (col.stages.get(b.region) ?? 0) : col.regions[b.stage] === b.region ? 1 : 0;
}

/** Shared capacities of the master: free GPUs per region index, residual per link key (sorted). */
export interface Capacities {
  readonly freeGpus: readonly number[];
  readonly linkKeys: readonly string[];
  readonly residualGbps: readonly number[];
}

/** A built master and its variables. */
export interface Master {
  readonly model: Model;
  /** λ per column, in column order. */
  readonly vars: readonly Variable[];
  /** a_c per class, then e_b per `≥` branch. */
  readonly art: readonly Variable[];
}

/** Builds the restricted master over `columns` (rows in the order conv, gpu, bw, br, as the LP duals are read). */
export function buildMaster(classes: readonly ShapeClass[], columns: readonly Column[], cap: Capacities, big: number, integer: boolean, branches: readonly Branch[] = []): Master {
  const m = new Model(integer ? "batch_cg_mip" : "batch_cg_lp");
  const count = (c: number): number => (classes[c] as ShapeClass).members.length;
  const vars = columns.map((col, i) => m.addVar(`c${i}`, integer ? { type: "integer", ub: count(col.cls) } : { ub: count(col.cls) }));
  const art = classes.map((_, c) => m.addVar(`a${c}`, integer ? { type: "integer", ub: count(c) } : { ub: count(c) }));
  const conv: Term[][] = classes.map((_, c) => [[art[c] as Variable, 1]]);
  const gpu: Term[][] = cap.freeGpus.map(() => []);
  const linkIndex = new Map(cap.linkKeys.map((key, l) => [key, l] as const));
  const bw: Term[][] = cap.linkKeys.map(() => []);
  columns.forEach((col, i) => {
    const v = vars[i] as Variable;
    (conv[col.cls] as Term[]).push([v, 1]);
    const g = (classes[col.cls] as ShapeClass).coef.job.gpusPerStage;
    for (const [r, n] of col.stages) (gpu[r] as Term[]).push([v, n * g]);
    for (const [key, gbps] of col.gbps) (bw[linkIndex.get(key) as number] as Term[]).push([v, gbps]);
  });
  conv.forEach((terms, c) => m.addConstraint(`conv_${c}`, terms, "=", count(c)));
  gpu.forEach((terms, r) => m.addConstraint(`gpu_${r}`, terms, "<=", cap.freeGpus[r] as number));
  bw.forEach((terms, l) => m.addConstraint(`bw_${l}`, terms, "<=", cap.residualGbps[l] as number));
  const extra: Variable[] = [];
  branches.forEach((b, i) => {
    const terms: Term[] = [];
    columns.forEach((col, j) => {
      const n = branchUse(b, col);
      if (n > 0) terms.push([vars[j] as Variable, n]);
    });
    if (b.sense === "ge") {
      const e = m.addVar(`ge${i}`, integer ? { type: "integer", ub: b.rhs } : { ub: b.rhs });
      extra.push(e);
      terms.push([e, 1]);
    }
    m.addConstraint(`br_${i}`, terms, b.sense === "le" ? "<=" : ">=", b.rhs);
  });
  m.setObjective("min", [...columns.map((col, i) => [vars[i] as Variable, col.cost] as Term), ...[...art, ...extra].map((a) => [a, big] as Term)]);
  return { model: m, vars, art: [...art, ...extra] };
}

/** Whether `chosen` (columns, one per job) meets every GPU and link row of the master. */
export function fitsMaster(classes: readonly ShapeClass[], chosen: readonly Column[], cap: Capacities): boolean {
  const gpus = new Float64Array(cap.freeGpus.length);
  const gbps = new Map<string, number>();
  for (const col of chosen) {
    const g = (classes[col.cls] as ShapeClass).coef.job.gpusPerStage;
    for (const [r, n] of col.stages) gpus[r] = (gpus[r] as number) + n * g;
    for (const [key, x] of col.gbps) gbps.set(key, (gbps.get(key) ?? 0) + x);
  }
  const slack = 1e-9;
  if (cap.freeGpus.some((f, r) => (gpus[r] as number) > f + slack)) return false;
  return cap.linkKeys.every((key, l) => (gbps.get(key) ?? 0) <= (cap.residualGbps[l] as number) * (1 + slack) + slack);
}

/**
 * The placement of `chosen` (columns; each class's go to its jobs in order),
 * re-evaluated by the cost model job by job on the view the previous ones
 * left, as the simulator would start them: each job's path, the sum of the
 * scores, and whether every job found its GPUs free and its hops' demands granted.
 */
export function reevaluate(view: Readonly<ClusterView>, coefs: readonly Coefficients[], classOf: readonly number[], chosen: readonly Column[], objective: PlacementObjective): { paths: Map<string, PipelinePath>; value: number; verified: boolean } {
  const queue = new Map<number, Column[]>();
  for (const col of chosen) queue.set(col.cls, [...(queue.get(col.cls) ?? []), col]);
  const paths = new Map<string, PipelinePath>();
  let value = 0;
  let verified = true;
  let working: Readonly<ClusterView> = view;
  coefs.forEach((c, j) => {
    const col = queue.get(classOf[j] as number)?.shift();
    if (col === undefined) {
      verified = false;
      value = NaN;
      return;
    }
    const path = col.regions.map((r) => c.regions[r] as string);
    paths.set(c.job.id, path);
    const e = evaluateInView(working, c.job, path);
    if (e === null || !e.gpusFit || !e.reserveFeasible) verified = false;
    value += e === null ? NaN : objectiveOf(objective, c, e.breakdown);
    working = applyStart(working, c.job, path);
  });
  return { paths, value, verified };
}
