/**
 * Whether a job has any candidate path on the idle cluster, and the reason
 * when it has none, kept per job shape. On the idle cluster (every GPU free,
 * every link at capacity, `readsAsIdle`) the search finds a candidate or not
 * by the job's feasibility key alone (model, S, g, b, MFU: `feasibilityKey`;
 * the time, M and I change only times and costs, never whether a path is
 * offered), and `explainNoPath` reads those features and the idle cluster
 * only. Among jobs of one `demandShapeKey` a lower MFU never turns a found
 * path into none (`./profile.ts`), so a job with an MFU at most that of a job
 * that had a candidate has one too. The simulator asks `canEverPlace` at
 * every arrival, on the idle cluster, and MFUs of generated jobs are all
 * different: one search per shape and record MFU answers most arrivals.
 */
import type { Job, LlmModel, Topology } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { readsAsIdle } from "./idleView.js";
import { demandShapeKey, feasibilityKey, orderedMfu } from "./profile.js";

/** What is known of one topology and models map. */
interface Known {
  /** The answer by feasibility key (`null`: some candidate exists). */
  readonly byKey: Map<string, string | null>;
  /** By demand shape, the largest MFU (ordered) with a candidate. */
  readonly feasibleMfu: Map<string, number>;
}

/** Answers of `canEverPlace`'s search on the idle cluster, per job shape (see the module comment). */
export class IdleReasons {
  private readonly byTopology = new WeakMap<Topology, WeakMap<ReadonlyMap<string, LlmModel>, Known>>();

  /**
   * `answer(view, job)` — `null` when a candidate exists, else why not —
   * searched once per job shape when `view` reads as idle, every time otherwise.
   */
  of(view: Readonly<ClusterView>, job: Job, answer: (view: Readonly<ClusterView>, job: Job) => string | null): string | null {
    if (!readsAsIdle(view)) return answer(view, job);
    let byModels = this.byTopology.get(view.topology);
    if (byModels === undefined) this.byTopology.set(view.topology, (byModels = new WeakMap()));
    let known = byModels.get(view.models);
    if (known === undefined) byModels.set(view.models, (known = { byKey: new Map(), feasibleMfu: new Map() }));
    const shape = demandShapeKey(job);
    const ordered = orderedMfu(job.mfu);
    if (ordered && job.mfu <= (known.feasibleMfu.get(shape) ?? Number.NEGATIVE_INFINITY)) return null;
    const key = feasibilityKey(job);
    const hit = known.byKey.get(key);
    if (hit !== undefined) return hit;
    const reason = answer(view, job);
    known.byKey.set(key, reason);
    if (reason === null && ordered) known.feasibleMfu.set(shape, job.mfu); // above the shape's largest so far: it returned above otherwise
    return reason;
  }
}
