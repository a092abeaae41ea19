/**
 * The variables and per-job rows of one job's placement, added to a model
 * under a name prefix; shared by the single-job MILP (`placement.ts`) and the
 * batch MILP (`batch.ts`), which add the GPU and link rows themselves (per job
 * or summed over jobs). See docs/exact.md, "Placement MILP".
 *
 * - `x[k][r]` binary: stage k in region r (only regions with ≥ g free GPUs);
 * - `y[k][a]` in [0, 1]: hop k uses arc a; flow rows `Σ_{a out of r} y = x[k][r]`,
 *   `Σ_{a into q} y = x[k+1][q]` force `y = x[k][r]·x[k+1][q]` exactly;
 * - `B ≥ t_k + c_k` per stage (bottleneck), `T = (M−1)·B + Σ t + Σ c`; with
 *   `commOverlap`, `B ≥ t_k` and `B ≥ σ_k` per stage and `S·B ≥ Σ t + Σ c`
 *   (the in-flight bound) instead;
 * - `w[k][r] = T·x[k][r]` by McCormick (exact for binary x, T ∈ [0, T̄]), plus
 *   the valid equality `Σ_r w[k][r] = T` that tightens the LP relaxation;
 * - `C = Σ costPerIterSec_r·w[k][r] + Σ costFixed[k][r]·x[k][r]` (USD).
 */
import type { Model, Term, Variable } from "../lp/model.js";
import type { MipStart } from "../lp/result.js";
import type { Coefficients } from "./coefficients.js";

/** Handles of one job's placement variables, and its resource use as terms. */
export interface JobVars {
  /** `x[k][r]`, or null where region r cannot host a stage (too few free GPUs). */
  readonly x: readonly (readonly (Variable | null)[])[];
  /** `y[k][a]` for k < S−1, or null where the arc is unusable. */
  readonly y: readonly (readonly (Variable | null)[])[];
  /** Bottleneck `max_k (t_k + c_k)`, s. */
  readonly bottleneck: Variable;
  /** Iteration time T, s. */
  readonly iteration: Variable;
  /** Electricity cost, USD. */
  readonly cost: Variable;
  /** Upper bound T̄ used by the McCormick rows, s. */
  readonly maxIterationSec: number;
  /** GPU-use terms by region index (`g·x[k][r]`). */
  readonly gpuTerms: readonly Term[][];
  /** Bandwidth-use terms by link key (`G_k(a)·y[k][a]`, the grant the hop reserves). */
  readonly linkTerms: ReadonlyMap<string, Term[]>;
}

/**
 * Adds one job's placement to `model` with names prefixed by `p` (a safe name
 * prefix). `maxIterationSec` caps T (and T̄ in the McCormick rows) when the
 * caller knows a valid bound on the optimum's T; default none.
 */
export function addJobPlacement(model: Model, c: Coefficients, p: string, maxIterationSec = Infinity): JobVars {
  const S = c.job.stages;
  const R = c.regions.length;
  const g = c.job.gpusPerStage;
  const M = c.job.microBatches;
  const overlap = c.job.commOverlap === true;
  const x = Array.from({ length: S }, (_, k) =>
    c.regions.map((_, r) => ((c.freeGpus[r] as number) >= g ? model.addVar(`${p}x_${k}_${r}`, { type: "binary" }) : null)),
  );
  const y: (Variable | null)[][] = [];
  const linkTerms = new Map<string, Term[]>();
  let maxHop = 0;
  let maxStep = 0;
  let sumMaxHop = 0;
  for (let k = 0; k + 1 < S; k++) {
    const row = c.arcs.map((a, i) => {
      if (x[k]?.[a.from] === null || x[k + 1]?.[a.to] === null) return null;
      const grant = c.grantGbps[k]?.[i] as number;
      if (a.linkKey !== null && !(grant > 0 && grant >= (c.demandGbps[k]?.[i] as number) * (1 - 1e-12))) return null;
      const v = model.addVar(`${p}y_${k}_${i}`, { ub: 1 });
      if (a.linkKey !== null) {
        const list = linkTerms.get(a.linkKey) ?? [];
        list.push([v, grant]);
        linkTerms.set(a.linkKey, list);
      }
      return v;
    });
    y.push(row);
    const hops = (c.hopSec[k] as number[]).filter((_, i) => row[i] !== null);
    const m = hops.length > 0 ? Math.max(...hops) : 0;
    maxHop = Math.max(maxHop, m);
    sumMaxHop += m;
  }
  const tMax = c.computeSec.map((row) => Math.max(...row));
  for (const t of tMax) maxStep = Math.max(maxStep, t);
  const upper = Math.min((M - 1) * (maxStep + maxHop) + tMax.reduce((s, t) => s + t, 0) + sumMaxHop, maxIterationSec);
  const B = model.addVar(`${p}B`, { ub: upper });
  const T = model.addVar(`${p}T`, { ub: upper });
  const C = model.addVar(`${p}C`);
  const timeTerms: Term[] = [[T, 1], [B, -(M - 1)]];
  const costTerms: Term[] = [[C, 1]];
  for (let k = 0; k < S; k++) {
    const xs = x[k] as (Variable | null)[];
    model.addConstraint(`${p}assign_${k}`, xs.filter((v): v is Variable => v !== null).map((v) => [v, 1] as Term), "=", 1);
    const step: Term[] = [[B, 1]];
    const wSum: Term[] = [[T, -1]];
    xs.forEach((v, r) => {
      if (v === null) return;
      const t = c.computeSec[k]?.[r] as number;
      step.push([v, -t]);
      timeTerms.push([v, -t]);
      costTerms.push([v, -(c.costFixed[k]?.[r] as number)]);
      const rate = c.costPerIterSec[r] as number;
      if (rate > 0) {
        const w = model.addVar(`${p}w_${k}_${r}`, { ub: upper });
        model.addConstraint(`${p}mcA_${k}_${r}`, [[w, 1], [T, -1], [v, -upper]], ">=", -upper);
        model.addConstraint(`${p}mcB_${k}_${r}`, [[w, 1], [v, -upper]], "<=", 0);
        model.addConstraint(`${p}mcC_${k}_${r}`, [[w, 1], [T, -1]], "<=", 0);
        costTerms.push([w, -rate]);
        wSum.push([w, 1]);
      }
    });
    // Σ_r w[k][r] = T (valid because Σ_r x[k][r] = 1; tightens the LP relaxation a lot)
    if (wSum.length === xs.filter((v) => v !== null).length + 1) model.addConstraint(`${p}wsum_${k}`, wSum, "=", 0);
    if (k + 1 < S) {
      const ys = y[k] as (Variable | null)[];
      for (let r = 0; r < R; r++) {
        const out: Term[] = [];
        const inn: Term[] = [];
        c.arcs.forEach((a, i) => {
          const v = ys[i];
          if (v === null || v === undefined) return;
          if (a.from === r) out.push([v, 1]);
          if (a.to === r) inn.push([v, 1]);
        });
        const xr = xs[r];
        const xn = x[k + 1]?.[r];
        if (xr !== null && xr !== undefined) model.addConstraint(`${p}out_${k}_${r}`, [...out, [xr, -1]], "=", 0);
        else if (out.length > 0) model.addConstraint(`${p}out_${k}_${r}`, out, "=", 0);
        if (xn !== null && xn !== undefined) model.addConstraint(`${p}in_${k}_${r}`, [...inn, [xn, -1]], "=", 0);
        else if (inn.length > 0) model.addConstraint(`${p}in_${k}_${r}`, inn, "=", 0);
      }
      const send: Term[] = [[B, 1]];
      ys.forEach((v, i) => {
        if (v === null) return;
        const h = c.hopSec[k]?.[i] as number;
        if (overlap) send.push([v, -(c.serialisationSec[k]?.[i] as number)]);
        else step.push([v, -h]);
        timeTerms.push([v, -h]);
      });
      if (overlap) model.addConstraint(`${p}send_${k}`, send, ">=", 0);
    }
    model.addConstraint(`${p}bott_${k}`, step, ">=", 0);
  }
  model.addConstraint(`${p}time`, timeTerms, "=", 0);
  if (overlap) {
    // in-flight bound of 1F1B: S·B ≥ Σ t + Σ c, i.e. S·B − (T − (M−1)·B) ≥ 0
    model.addConstraint(`${p}fill`, [[B, S + (M - 1)], [T, -1]], ">=", 0);
  }
  model.addConstraint(`${p}cost`, costTerms, "=", 0);
  const gpuTerms = c.regions.map((_, r) => {
    const terms: Term[] = [];
    for (let k = 0; k < S; k++) {
      const v = x[k]?.[r];
      if (v !== null && v !== undefined) terms.push([v, g]);
    }
    return terms;
  });
  return { x, y, bottleneck: B, iteration: T, cost: C, maxIterationSec: upper, gpuTerms, linkTerms };
}

/** The decoded path: for each stage the region whose `x` is largest. */
export function decodePath(c: Coefficients, vars: JobVars, values: ArrayLike<number>): string[] {
  return vars.x.map((row) => {
    let best = -1;
    let bestValue = -Infinity;
    row.forEach((v, r) => {
      if (v === null) return;
      const val = values[v.index] ?? 0;
      if (val > bestValue) {
        bestValue = val;
        best = r;
      }
    });
    return c.regions[best] as string;
  });
}

/**
 * A MIP start that places stage k in region `path[k]`: every `x` of the job
 * set to 1 there and 0 elsewhere. The solver completes the continuous
 * variables. Empty when the path does not fit the model (wrong length, or a
 * stage in a region without an `x`), so a stale path is simply not used.
 */
export function pathStart(c: Coefficients, vars: JobVars, path: readonly string[]): MipStart {
  if (path.length !== vars.x.length) return [];
  const out: (readonly [Variable, number])[] = [];
  for (let k = 0; k < path.length; k++) {
    const row = vars.x[k] as readonly (Variable | null)[];
    const r = c.regions.indexOf(path[k] as string);
    if (r < 0 || row[r] === null || row[r] === undefined) return [];
    row.forEach((v) => {
      if (v !== null) out.push([v, v === row[r] ? 1 : 0]);
    });
  }
  return out;
}
