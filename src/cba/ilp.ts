/**
 * The CBA ILP on a snapshot: place one request's stages in DCs and give every
 * cross-DC transfer one of its k shortest paths and a contiguous, continuous
 * slot block (a binary per (hop, DC pair, path, start slot)), minimising the
 * iteration-time surrogate {@link surrogateObjectiveMs}:
 *
 *   T (1F1B, exact: a bottleneck variable B ≥ t_k + c_k linearises the max)
 *   + commBoundWeightMs · (number of communication-bound stages)
 *   + slotWeightMs · (slots × fibres the request holds)
 *   + startSlotWeightMs · (sum of start slots: a first-fit tie-break).
 *
 * Only blocks free in the snapshot are candidates; transfers of the same
 * request may not overlap on a fibre. Solved by any {@link Backend} (HiGHS).
 *
 * The *communication-oblivious* variant (`communication: "oblivious"`) is the
 * same model with every transfer weighted equally
 * (`obliviousTransferWeightMs`) instead of by its hop time: no bottleneck
 * term, no communication-bound weight; it still minimises slots and start
 * slots, so it prefers fewer, shorter transfers without knowing what they cost
 * the pipeline.
 *
 * Candidate pruning: DCs without g free GPUs get no candidates (their x is
 * fixed to 0 anyway), and `maxStartsPerPath` keeps only the lowest free start
 * slots of each (hop, pair, path), plus the blocks of `includeDecision` (a
 * seed, e.g. first fit's decision, so that point stays feasible).
 */
import type { Backend, SolveOptions, SolveResult } from "../lp/result.js";
import { Model, type Term, type Variable } from "../lp/model.js";
import type { ClusterView, Decision, TransferAssignment } from "./assignment.js";
import { hopTimeMs, iterationTimeMs } from "./iteration.js";
import { MODULATION_TABLE, slotsFor, type ModulationFormat } from "./modulation.js";
import { DEFAULT_K_PATHS, kShortestPaths, pathLatencyMs } from "./paths.js";
import type { TrainingRequest } from "./request.js";
import { blockFree } from "./spectrum.js";

/** Options of the CBA ILP and its objective. */
export interface CbaIlpOptions {
  /** Candidate paths per DC pair; default 3. */
  readonly k?: number;
  /** Guard-band slots per lightpath; default 1. */
  readonly guardSlots?: number;
  /** Modulation table; default {@link MODULATION_TABLE}. */
  readonly table?: readonly ModulationFormat[];
  /** Objective weight of each communication-bound stage, ms; default 1. */
  readonly commBoundWeightMs?: number;
  /** Objective weight of each slot held on each fibre, ms; default 0.01. */
  readonly slotWeightMs?: number;
  /** Objective weight per index of a block's start slot, ms: a first-fit tie-break that also breaks the ILP's symmetry; default 1e-4. */
  readonly startSlotWeightMs?: number;
  /** "aware": transfers weighted by their hop time (the CBA ILP); "oblivious": every transfer weighs the same; default "aware". */
  readonly communication?: "aware" | "oblivious";
  /** Weight of each transfer in the oblivious objective, ms; default 1. */
  readonly obliviousTransferWeightMs?: number;
  /** Keep only this many lowest free start slots per (hop, DC pair, path); default Infinity (all). */
  readonly maxStartsPerPath?: number;
  /** An accepted decision whose blocks are always candidates (pruning never removes them); default null. */
  readonly includeDecision?: Extract<Decision, { status: "accepted" }> | null;
  /** Solver options; default: none beyond the backend's. */
  readonly solve?: SolveOptions;
}

/** Defaults of {@link CbaIlpOptions}. */
export const DEFAULT_CBA_ILP: Required<CbaIlpOptions> = {
  k: DEFAULT_K_PATHS,
  guardSlots: 1,
  table: MODULATION_TABLE,
  commBoundWeightMs: 1,
  slotWeightMs: 0.01,
  startSlotWeightMs: 1e-4,
  communication: "aware",
  obliviousTransferWeightMs: 1,
  maxStartsPerPath: Infinity,
  includeDecision: null,
  solve: {},
};

/** The ILP's objective for an accepted decision, ms: the iteration-time surrogate (or, when oblivious, Σ t_k + a constant per transfer + slot economy). */
export function surrogateObjectiveMs(
  request: TrainingRequest,
  decision: Extract<Decision, { status: "accepted" }>,
  options: CbaIlpOptions = {},
): number {
  const o = { ...DEFAULT_CBA_ILP, ...options };
  const hopMs = new Array<number>(request.stageComputeMs.length).fill(0);
  let slotFibres = 0;
  let commBound = 0;
  let startSlots = 0;
  for (const t of decision.transfers) {
    const c = hopTimeMs(request.activationBytes, pathLatencyMs(t.path.lengthKm), t.dataSlots * t.gbpsPerSlot);
    hopMs[t.hop] = c;
    if (c > (request.stageComputeMs[t.hop] ?? Infinity)) commBound += 1;
    slotFibres += (t.dataSlots + t.guardSlots) * t.path.fibreIds.length;
    startSlots += t.startSlot;
  }
  const economy = o.slotWeightMs * slotFibres + o.startSlotWeightMs * startSlots;
  if (o.communication === "oblivious") {
    return request.stageComputeMs.reduce((a, b) => a + b, 0) + o.obliviousTransferWeightMs * decision.transfers.length + economy;
  }
  const T = iterationTimeMs(request.stageComputeMs, hopMs, request.microBatches);
  return T + o.commBoundWeightMs * commBound + economy;
}

/** Outcome of {@link solveCbaIlp}. */
export type CbaIlpResult =
  | {
      /** "optimal" when proven, "feasible" when the solver stopped early with a checked point. */
      readonly status: "optimal" | "feasible";
      /** The decision read from the solution. */
      readonly decision: Extract<Decision, { status: "accepted" }>;
      /** Objective value, ms. */
      readonly objectiveMs: number;
      /** Candidate (hop, pair, path, start) binaries in the model. */
      readonly candidates: number;
      /** The raw solve result. */
      readonly solve: SolveResult;
    }
  | { readonly status: "infeasible"; readonly candidates: number; readonly solve: SolveResult }
  | { readonly status: "no_solution"; readonly candidates: number; readonly solve: SolveResult };

interface Candidate {
  readonly v: Variable;
  readonly t: TransferAssignment;
  readonly fromIdx: number;
  readonly toIdx: number;
  readonly hopMs: number;
}

/** Build and solve the ILP for `request` on the snapshot `view`. */
export async function solveCbaIlp(
  view: ClusterView,
  request: TrainingRequest,
  backend: Backend,
  options: CbaIlpOptions = {},
): Promise<CbaIlpResult> {
  const o = { ...DEFAULT_CBA_ILP, ...options };
  const dcs = view.network.datacenters;
  const S = request.stageComputeMs.length;
  const g = request.gpusPerStage;
  const m = new Model("cba");
  const x = request.stageComputeMs.map((_, k) => dcs.map((dc, d) => m.addVar(`x_${k}_${d}`, { type: "binary", ub: (view.freeGpus.get(dc.id) ?? 0) >= g ? 1 : 0 })));
  x.forEach((row, k) => m.addConstraint(`stage_${k}`, row.map((v) => [v, 1] as Term), "=", 1));
  dcs.forEach((dc, d) => m.addConstraint(`gpus_${d}`, x.map((row) => [row[d] as Variable, g] as Term), "<=", view.freeGpus.get(dc.id) ?? 0));
  const aware = o.communication === "aware";
  const hasGpus = dcs.map((dc) => (view.freeGpus.get(dc.id) ?? 0) >= g);
  const seeded = new Set((o.includeDecision?.transfers ?? []).map((t) => `${t.hop}|${t.fromDc}|${t.toDc}|${t.path.nodes.join("-")}|${t.startSlot}`));
  const bottleneck = m.addVar("B", { lb: 0 });
  const candidates: Candidate[] = [];
  const cover = new Map<number, Candidate[]>(); // fibre*slots+slot → candidates using it
  const objective: Term[] = aware ? [[bottleneck, request.microBatches - 1]] : [];
  for (let hop = 0; hop + 1 < S; hop++) {
    const hopTerms: Term[] = [];
    const outOf = dcs.map((): Term[] => []);
    const into = dcs.map((): Term[] => []);
    dcs.forEach((a, ai) => dcs.forEach((b, bi) => {
      if (ai === bi || !hasGpus[ai] || !hasGpus[bi]) return;
      const pair: Term[] = [];
      kShortestPaths(view.network, a.node, b.node, o.k).forEach((path, pi) => {
        const need = slotsFor(request.demandGbps, path.lengthKm, { guardSlots: o.guardSlots, table: o.table });
        if (need.status !== "ok") return;
        const c = hopTimeMs(request.activationBytes, pathLatencyMs(path.lengthKm), need.bandwidthGbps);
        const commMs = aware ? c + (c > (request.stageComputeMs[hop] ?? Infinity) ? o.commBoundWeightMs : 0) : o.obliviousTransferWeightMs;
        const weight = commMs + o.slotWeightMs * need.totalSlots * path.fibreIds.length;
        const seedKey = `${hop}|${a.id}|${b.id}|${path.nodes.join("-")}|`;
        let kept = 0;
        for (let s = 0; s + need.totalSlots <= view.network.slotsPerFibre; s++) {
          if (!blockFree(view.spectrum, path.fibreIds, s, need.totalSlots)) continue;
          if (kept >= o.maxStartsPerPath && !seeded.has(seedKey + s)) continue;
          kept += 1;
          const v = m.addVar(`z_${hop}_${ai}_${bi}_${pi}_${s}`, { type: "binary" });
          const t: TransferAssignment = {
            hop, fromDc: a.id, toDc: b.id, path, modulation: need.modulation.name, gbpsPerSlot: need.modulation.gbpsPerSlot,
            dataSlots: need.dataSlots, guardSlots: need.guardSlots, startSlot: s,
          };
          const cand = { v, t, fromIdx: ai, toIdx: bi, hopMs: c };
          candidates.push(cand);
          for (const f of path.fibreIds) for (let q = s; q < s + need.totalSlots; q++) {
            const key = f * view.network.slotsPerFibre + q;
            const list = cover.get(key);
            if (list === undefined) cover.set(key, [cand]);
            else list.push(cand);
          }
          pair.push([v, 1]);
          hopTerms.push([v, c]);
          objective.push([v, weight + o.startSlotWeightMs * s]);
          (outOf[ai] as Term[]).push([v, 1]);
          (into[bi] as Term[]).push([v, 1]);
        }
      });
      // A cross-DC hop between a and b needs one of their candidates.
      m.addConstraint(`link_${hop}_${ai}_${bi}`, [...pair.map(([v]) => [v, 1] as Term), [x[hop]?.[ai] as Variable, -1], [x[hop + 1]?.[bi] as Variable, -1]], ">=", -1);
    }));
    dcs.forEach((_, d) => {
      m.addConstraint(`out_${hop}_${d}`, [...(outOf[d] as Term[]), [x[hop]?.[d] as Variable, -1]], "<=", 0);
      m.addConstraint(`in_${hop}_${d}`, [...(into[d] as Term[]), [x[hop + 1]?.[d] as Variable, -1]], "<=", 0);
    });
    if (aware) m.addConstraint(`pace_${hop}`, [[bottleneck, 1], ...hopTerms.map(([v, c]) => [v, -c] as Term)], ">=", request.stageComputeMs[hop] ?? 0);
  }
  if (aware) m.addConstraint(`pace_${S - 1}`, [[bottleneck, 1]], ">=", request.stageComputeMs[S - 1] ?? 0);
  for (const [key, cands] of cover) {
    if (new Set(cands.map((c) => c.t.hop)).size < 2) continue; // one hop uses at most one block anyway
    m.addConstraint(`slot_${key}`, cands.map((c) => [c.v, 1] as Term), "<=", 1);
  }
  const fixedMs = request.stageComputeMs.reduce((a, b) => a + b, 0);
  m.setObjective("min", objective, fixedMs);
  const solve = await backend.solve(m, o.solve);
  if (solve.primal !== "feasible_point" || solve.values === null) {
    return { status: solve.termination === "infeasible" ? "infeasible" : "no_solution", candidates: candidates.length, solve };
  }
  const values = solve.values;
  const on = (v: Variable): boolean => (values[v.index] ?? 0) > 0.5;
  const stageDcs = x.map((row) => dcs[row.findIndex(on)]?.id ?? "");
  const transfers = candidates.filter((c) => on(c.v)).map((c) => c.t).sort((a, b) => a.hop - b.hop);
  const status = solve.termination === "optimal" ? "optimal" : "feasible";
  return { status, decision: { status: "accepted", stageDcs, transfers }, objectiveMs: solve.objective ?? NaN, candidates: candidates.length, solve };
}
