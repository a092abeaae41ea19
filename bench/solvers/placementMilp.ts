/**
 * Seeded generator of placement-sized MILPs for the solver benchmark.
 *
 * The model is the one geopipe solves for a single job (DESIGN.md §3, "Exact"):
 * place `S` pipeline stages onto `R` regions.
 *
 * - `x_k_r` binary: stage `k` runs in region `r`;  `Σ_r x_k_r = 1`.
 * - GPU capacity per region: `Σ_k gpus_k · x_k_r ≤ gpus_r` (16–64 GPUs a
 *   region, 4 or 8 a stage).
 * - Hop linearisation, `y_k_r_q ∈ [0, 1]` for consecutive stages:
 *   `y_k_r_q ≥ x_k_r + x_(k+1)_q − 1`.
 * - Bottleneck `T` (ms): `T ≥ Σ_r computeMs_k_r · x_k_r + Σ_rq hopMs_k_r_q · y_k_r_q`.
 * - Objective: `min Σ_kr costUsdPerHour_k_r · x_k_r + timeWeightUsdPerMs · T`.
 *
 * Variables: `S·R + (S−1)·R² + 1`. Data (GPU counts, speeds, prices, link
 * latency and bandwidth, activation sizes) come from a seeded mulberry32, so
 * the same options always give the same model.
 */
import { mulberry32, type Rng } from "../../src/util/rng.js";
import { Model, type Term, type Variable } from "../../src/lp/model.js";

/** Options for {@link placementMilp}; all optional, defaults in {@link DEFAULT_PLACEMENT_OPTIONS}. */
export interface PlacementOptions {
  /** Number of regions `R`. Default 4. */
  readonly regions?: number;
  /** Number of pipeline stages `S`. Default 6. */
  readonly stages?: number;
  /** PRNG seed. Default 1. */
  readonly seed?: number;
  /** USD per millisecond of bottleneck stage time in the objective. Default 0.3. */
  readonly timeWeightUsdPerMs?: number;
  /**
   * Also add the flow rows `Σ_q y_k_r_q = x_k_r` and `Σ_r y_k_r_q = x_(k+1)_q`.
   * They keep the same integer optimum but tighten the LP relaxation a lot;
   * without them the `≥` linearisation alone leaves `y = 0` at fractional `x`
   * and branch and bound does most of the work. Measured on this ladder they
   * did not make HiGHS faster, so the default is the plain form. Default false.
   */
  readonly hopFlowRows?: boolean;
}

/** Defaults merged into every {@link PlacementOptions}. */
export const DEFAULT_PLACEMENT_OPTIONS: Required<PlacementOptions> = {
  regions: 4,
  stages: 6,
  seed: 1,
  timeWeightUsdPerMs: 0.3,
  hopFlowRows: false,
};

/** One rung of the size ladder. */
export interface LadderRung {
  /** Short label used in file names and the table. */
  readonly name: string;
  /** Regions `R`. */
  readonly regions: number;
  /** Stages `S`. */
  readonly stages: number;
}

/**
 * Sizes from ~100 to ~5,000 variables (`S·R + (S−1)·R² + 1`). Shapes were
 * picked so HiGHS proves optimality at every rung (R16·S19, also ~4,900
 * variables, stays open after 60 s: the number of stages drives the difficulty).
 */
export const LADDER: ReadonlyArray<LadderRung> = [
  { name: "place_R4_S6", regions: 4, stages: 6 }, // 105 vars
  { name: "place_R6_S8", regions: 6, stages: 8 }, // 301 vars
  { name: "place_R10_S10", regions: 10, stages: 10 }, // 1,001 vars
  { name: "place_R12_S14", regions: 12, stages: 14 }, // 2,041 vars
  { name: "place_R20_S13", regions: 20, stages: 13 }, // 5,061 vars
];

/** Number of variables a placement model with `regions` and `stages` has. */
export function placementVarCount(regions: number, stages: number): number {
  return stages * regions + (stages - 1) * regions * regions + 1;
}

/** Size of a built model. */
export interface ModelStats {
  /** Columns. */
  readonly vars: number;
  /** Rows (objective excluded). */
  readonly rows: number;
  /** Nonzero row coefficients (objective excluded). */
  readonly nonzeros: number;
  /** Integer and binary columns. */
  readonly integers: number;
}

/** Counts of `model`'s columns, rows and nonzeros. */
export function modelStats(model: Model): ModelStats {
  let nonzeros = 0;
  for (const row of model.rows) nonzeros += row.terms.length;
  const integers = model.variables.filter((v) => v.type !== "continuous").length;
  return { vars: model.variables.length, rows: model.rows.length, nonzeros, integers };
}

/** Uniform number in `[lo, hi)`. */
function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

/** Uniform integer in `[lo, hi]`. */
function intBetween(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** Rounds to 4 decimals so LP/MPS text stays short and exact. */
function r4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** Builds the placement MILP described in the module comment. */
export function placementMilp(options: PlacementOptions = {}): Model {
  const o = { ...DEFAULT_PLACEMENT_OPTIONS, ...options };
  const R = o.regions;
  const S = o.stages;
  if (!Number.isInteger(R) || R < 1) throw new RangeError(`placementMilp: regions must be an integer ≥ 1, got ${R}`);
  if (!Number.isInteger(S) || S < 2) throw new RangeError(`placementMilp: stages must be an integer ≥ 2, got ${S}`);
  const rng = mulberry32(o.seed);

  // Regions: GPUs, relative speed, price, and a position for latency.
  const gpus = Array.from({ length: R }, () => 8 * intBetween(rng, 2, 8));
  const speed = Array.from({ length: R }, () => r4(uniform(rng, 0.6, 1.4)));
  const priceUsdPerGpuHour = Array.from({ length: R }, () => r4(uniform(rng, 1, 4)));
  const pos = Array.from({ length: R }, () => [uniform(rng, 0, 100), uniform(rng, 0, 100)] as const);
  const latencyMs: number[][] = [];
  const bandwidthGbps: number[][] = [];
  for (let r = 0; r < R; r++) {
    latencyMs.push([]);
    bandwidthGbps.push([]);
    for (let q = 0; q < R; q++) {
      const [ax, ay] = pos[r] ?? [0, 0];
      const [bx, by] = pos[q] ?? [0, 0];
      const dist = Math.hypot(ax - bx, ay - by);
      latencyMs[r]?.push(r === q ? 0.05 : r4(1 + dist * 0.8));
      bandwidthGbps[r]?.push(r === q ? 400 : r4(uniform(rng, 5, 100)));
    }
  }
  // Stages: GPUs per stage, compute per micro-batch on a reference GPU, activation size.
  const stageGpus = Array.from({ length: S }, () => (rng() < 0.5 ? 4 : 8));
  const baseComputeMs = Array.from({ length: S }, () => uniform(rng, 80, 160));
  const activationMb = Array.from({ length: S }, () => uniform(rng, 20, 200));

  const m = new Model(`placement_R${R}_S${S}_seed${o.seed}`);
  const x: Variable[][] = [];
  for (let k = 0; k < S; k++) {
    x.push(Array.from({ length: R }, (_, r) => m.addVar(`x_${k}_${r}`, { type: "binary" })));
  }
  const y: Variable[][][] = [];
  for (let k = 0; k + 1 < S; k++) {
    y.push(
      Array.from({ length: R }, (_, r) =>
        Array.from({ length: R }, (_, q) => m.addVar(`y_${k}_${r}_${q}`, { lb: 0, ub: 1 })),
      ),
    );
  }
  const T = m.addVar("T", { lb: 0 });
  const xv = (k: number, r: number): Variable => {
    const v = x[k]?.[r];
    if (v === undefined) throw new RangeError(`x_${k}_${r} missing`);
    return v;
  };

  for (let k = 0; k < S; k++) {
    m.addConstraint(`assign_${k}`, Array.from({ length: R }, (_, r): Term => [xv(k, r), 1]), "=", 1);
  }
  for (let r = 0; r < R; r++) {
    m.addConstraint(`cap_${r}`, Array.from({ length: S }, (_, k): Term => [xv(k, r), stageGpus[k] ?? 0]), "<=", gpus[r] ?? 0);
  }
  for (let k = 0; k + 1 < S; k++) {
    for (let r = 0; r < R; r++) {
      for (let q = 0; q < R; q++) {
        const yv = y[k]?.[r]?.[q];
        if (yv === undefined) throw new RangeError(`y_${k}_${r}_${q} missing`);
        m.addConstraint(`hop_${k}_${r}_${q}`, [[yv, 1], [xv(k, r), -1], [xv(k + 1, q), -1]], ">=", -1);
      }
    }
  }
  if (o.hopFlowRows) {
    for (let k = 0; k + 1 < S; k++) {
      for (let r = 0; r < R; r++) {
        const out: Term[] = [[xv(k, r), -1]];
        const into: Term[] = [[xv(k + 1, r), -1]];
        for (let q = 0; q < R; q++) {
          const yOut = y[k]?.[r]?.[q];
          const yIn = y[k]?.[q]?.[r];
          if (yOut !== undefined) out.push([yOut, 1]);
          if (yIn !== undefined) into.push([yIn, 1]);
        }
        m.addConstraint(`flowout_${k}_${r}`, out, "=", 0);
        m.addConstraint(`flowin_${k}_${r}`, into, "=", 0);
      }
    }
  }
  for (let k = 0; k < S; k++) {
    const terms: Term[] = [[T, 1]];
    for (let r = 0; r < R; r++) terms.push([xv(k, r), -r4((baseComputeMs[k] ?? 0) / (speed[r] ?? 1))]);
    if (k + 1 < S) {
      for (let r = 0; r < R; r++) {
        for (let q = 0; q < R; q++) {
          const yv = y[k]?.[r]?.[q];
          if (yv === undefined) continue;
          const lat = latencyMs[r]?.[q] ?? 0;
          const bw = bandwidthGbps[r]?.[q] ?? 1;
          terms.push([yv, -r4(2 * (lat + ((activationMb[k] ?? 0) * 8) / bw))]);
        }
      }
    }
    m.addConstraint(`bottleneck_${k}`, terms, ">=", 0);
  }
  const objective: Term[] = [[T, o.timeWeightUsdPerMs]];
  for (let k = 0; k < S; k++) {
    for (let r = 0; r < R; r++) objective.push([xv(k, r), r4((stageGpus[k] ?? 0) * (priceUsdPerGpuHour[r] ?? 0))]);
  }
  m.setObjective("min", objective);
  return m;
}
