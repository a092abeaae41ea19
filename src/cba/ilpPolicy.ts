/**
 * The CBA ILP (and its communication-oblivious variant) as an online policy
 * for {@link simulateAsync}: one solve per arrival on the current snapshot.
 *
 * Per request:
 * 1. First fit's decision is computed (cheap). If it is blocked for lack of
 *    GPUs, so is the ILP (greedy stage packing places a stage whenever any DC
 *    has g free GPUs, so first fit fails on GPUs exactly when no placement exists).
 * 2. Exact shortcut: when some DC has S·g free GPUs, keeping the whole
 *    pipeline there (no transfer) attains the ILP's lower bound Σ t_k +
 *    (M − 1)·max t_k in both objectives, so the nearest such DC to the
 *    request's source is taken without a solve.
 * 3. Otherwise the ILP is solved with a time limit and candidate pruning
 *    (`maxStartsPerPath`), seeded with first fit's blocks so first fit's
 *    point stays feasible; a time-limited incumbent worse than first fit is
 *    replaced by first fit's decision, so the answer is never worse than
 *    first fit on the ILP's own objective. A solve that ends without a point
 *    falls back to first fit's decision (counted in the stats).
 */
import type { Backend } from "../lp/result.js";
import type { AsyncAssignmentPolicy, ClusterView, Decision } from "./assignment.js";
import { solveCbaIlp, surrogateObjectiveMs, type CbaIlpOptions } from "./ilp.js";
import { datacentersByDistance, nearestFirstFit } from "./nearestFirstFit.js";
import type { TrainingRequest } from "./request.js";

/** Options of {@link ilpPolicy}. */
export interface IlpPolicyOptions extends CbaIlpOptions {
  /** Per-request solver time limit, s; default 2. */
  readonly timeLimitSec?: number;
}

/** Defaults of {@link IlpPolicyOptions} that differ from the ILP's own. */
export const DEFAULT_ILP_POLICY: Required<Pick<IlpPolicyOptions, "timeLimitSec" | "maxStartsPerPath">> = {
  timeLimitSec: 2,
  maxStartsPerPath: 4,
};

/** What the policy did, summed over the requests it saw. */
export interface IlpPolicyStats {
  /** Requests seen. */
  requests: number;
  /** Blocked before solving because no placement had GPUs. */
  noGpus: number;
  /** Placed in one DC by the exact shortcut, no solve. */
  shortcut: number;
  /** ILP solves run. */
  solves: number;
  /** Solves proven optimal. */
  optimal: number;
  /** Solves stopped by the time limit with a checked point. */
  feasible: number;
  /** Solves proven infeasible (request blocked). */
  infeasible: number;
  /** Solves without a point: first fit's decision used instead. */
  fallbacks: number;
  /** Time-limited solves whose point was worse than first fit's on the ILP's objective: first fit's decision kept. */
  seedKept: number;
  /** Sum of solve wall times, ms. */
  solveMs: number;
  /** Largest candidate count of a solve. */
  maxCandidates: number;
}

/** A policy with the counters it updates. */
export interface IlpPolicy {
  /** The policy. */
  readonly policy: AsyncAssignmentPolicy;
  /** Counters (mutated as the policy runs; read them after the simulation). */
  readonly stats: IlpPolicyStats;
}

/** The ILP as an online policy; `communication: "oblivious"` gives the communication-oblivious baseline. */
export function ilpPolicy(backend: Backend, options: IlpPolicyOptions = {}): IlpPolicy {
  const o = { ...DEFAULT_ILP_POLICY, ...options };
  const firstFit = nearestFirstFit(o);
  const stats: IlpPolicyStats = { requests: 0, noGpus: 0, shortcut: 0, solves: 0, optimal: 0, feasible: 0, infeasible: 0, fallbacks: 0, seedKept: 0, solveMs: 0, maxCandidates: 0 };
  const policy = async (view: ClusterView, request: TrainingRequest): Promise<Decision> => {
    stats.requests += 1;
    const ff = firstFit(view, request);
    if (ff.status === "blocked" && ff.reason === "no_gpus") {
      stats.noGpus += 1;
      return ff;
    }
    const whole = request.gpusPerStage * request.stageComputeMs.length;
    const home = datacentersByDistance(view.network, request.sourceNode).find((dc) => (view.freeGpus.get(dc.id) ?? 0) >= whole);
    if (home !== undefined) {
      stats.shortcut += 1;
      return { status: "accepted", stageDcs: request.stageComputeMs.map(() => home.id), transfers: [] };
    }
    const res = await solveCbaIlp(view, request, backend, {
      ...o,
      includeDecision: ff.status === "accepted" ? ff : null,
      solve: { ...o.solve, timeLimitSec: o.timeLimitSec },
    });
    stats.solves += 1;
    stats.solveMs += res.solve.timeMs;
    stats.maxCandidates = Math.max(stats.maxCandidates, res.candidates);
    if (res.status === "optimal" || res.status === "feasible") {
      stats[res.status] += 1;
      // A time-limited incumbent can be worse than the seed: keep the better of the two.
      if (res.status === "feasible" && ff.status === "accepted" && surrogateObjectiveMs(request, ff, o) < res.objectiveMs) {
        stats.seedKept += 1;
        return ff;
      }
      return res.decision;
    }
    if (res.status === "infeasible") {
      stats.infeasible += 1;
      return ff.status === "blocked" ? ff : { status: "blocked", reason: "no_spectrum", detail: "ILP infeasible: no stage placement with free, continuous spectrum for its transfers" };
    }
    stats.fallbacks += 1;
    return ff;
  };
  return { policy, stats };
}
