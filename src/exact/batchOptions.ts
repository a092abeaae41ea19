/**
 * Options of batch column generation (`batchColumns.ts`): the current
 * defaults, and the options of earlier versions for side-by-side benchmarks.
 */
import type { ScoreBoundOptions } from "./batchPricingBound.js";

/** Options of `solveBatchColumns` (`batchColumns.ts`); all optional, defaults in {@link DEFAULT_COLUMN_BATCH_OPTIONS}. */
export interface ColumnBatchOptions {
  /** α of each job's weighted score, in [0, 1). Default 0.5. */
  readonly alpha?: number;
  /** Wall-clock limit of the whole solve, s. Default 60. */
  readonly timeLimitSec?: number;
  /** Limit of one engine pricing solve, s, asked only when the McCormick bound (`batchPricingBound.ts`) does not prove its own path optimal, and no more for a class after two unproven ones in a row (0: never). Default 2. */
  readonly pricingTimeLimitSec?: number;
  /** Stop when (incumbent − bound)/incumbent is at most this. Default 0.01. */
  readonly gapTol?: number;
  /** Most pool columns added to the final master MILP (those that can be in a better solution, least reduced cost first). Default 3000. */
  readonly maxIncumbentColumns?: number;
  /** Most pricing rounds per node of the tree (the root's included). Default 200. */
  readonly maxRounds?: number;
  /** Wentges smoothing β in [0, 1): weight of the stability centre in the pricing prices (0: price at the LP duals). Default 0.5. */
  readonly smoothing?: number;
  /** Let jobs of one shape (all fields but the id) share columns. Default true. */
  readonly aggregateShapes?: boolean;
  /** Blocks per path of the candidate pool priced by arithmetic before the engine (`batchPool.ts`; 0: no pool, the first incumbent by sequential exact placements). Default 2. */
  readonly poolBlocks?: number;
  /** Pool columns added per class and round, most negative reduced cost first. Default 20. */
  readonly poolColumnsPerRound?: number;
  /** After the root's column generation, branch and price on the stages a class places in a region (`batchBranch.ts`). Default true. */
  readonly branchAndPrice?: boolean;
  /** Share of the time limit the root's column generation may take before the tree starts from its last master LP (a node's bound is valid whether or not its LP met it). Default 0.5. */
  readonly rootTimeShare?: number;
  /** Most time of one node's column generation in the tree, s. Default 5. */
  readonly nodeTimeLimitSec?: number;
  /** Time limit of the restricted master MILP after the root, s (the rest of the time goes to the tree). Default 10. */
  readonly incumbentTimeLimitSec?: number;
  /** Most time of each local search on the incumbent (`batchLocal.ts`: one or two jobs re-placed at their optimum on the view the others leave), s: after the root's master MILP, and before the final one (0: none). Default 5. */
  readonly localSearchSec?: number;
  /** Options of the McCormick pricing bound (`batchPricingBound.ts`). Default its defaults (piecewise, block slots). */
  readonly pricingBound?: ScoreBoundOptions;
  /** Clock of the time limits, ms (the bench passes CPU time). Default `performance.now`. */
  readonly now?: () => number;
  /** Time limit of each master MILP during the root's column generation (one every five exact pricing rounds, within the root's share), s. Default 5. */
  readonly rootIncumbentSec?: number;
  /** Most HiGHS calls per master MILP: HiGHS's limit is wall time, so each call gets the budget left on `now` as its wall limit (never more time on `now` than that), and a call the wall limit stopped with budget left goes on from its best point. Default 4. */
  readonly milpChunks?: number;
}

/** Defaults of {@link ColumnBatchOptions}. */
export const DEFAULT_COLUMN_BATCH_OPTIONS: Required<ColumnBatchOptions> = {
  alpha: 0.5,
  timeLimitSec: 60,
  pricingTimeLimitSec: 2,
  gapTol: 0.01,
  maxIncumbentColumns: 3000,
  maxRounds: 200,
  smoothing: 0.5,
  aggregateShapes: true,
  poolBlocks: 2,
  poolColumnsPerRound: 20,
  branchAndPrice: true,
  rootTimeShare: 0.5,
  nodeTimeLimitSec: 5,
  incumbentTimeLimitSec: 10,
  localSearchSec: 5,
  pricingBound: {},
  now: () => performance.now(),
  rootIncumbentSec: 5,
  milpChunks: 4,
};

/** The options of the previous version (stop 19: the plain McCormick bound, job slots ignored in it), for side-by-side benchmarks. */
export const PREVIOUS_COLUMN_BATCH_OPTIONS: ColumnBatchOptions = { pricingBound: { pieces: 1, blockSlots: false }, branchAndPrice: false, incumbentTimeLimitSec: Infinity, localSearchSec: 0 };

/** The options of the first version (no smoothing, one class per job, no seeds), for side-by-side benchmarks. */
export const PLAIN_COLUMN_BATCH_OPTIONS: ColumnBatchOptions = { smoothing: 0, aggregateShapes: false, poolBlocks: 0, pricingTimeLimitSec: 5, pricingBound: { pieces: 1, blockSlots: false }, branchAndPrice: false, incumbentTimeLimitSec: Infinity, localSearchSec: 0 };
