/**
 * The cost-min candidates of a job ({@link withinTolerance}), kept with the
 * state they were found under, for `bace-wait`, which places every deferred
 * job again at each decision (`./deferral.ts`). The search reads the view
 * through two things only (`./search.ts`, `candidateOf`): each region's room
 * for a stage, `⌊free_r / g⌋`, and each link's grant for the job's shape,
 * `min(cap_l, max(residual_l, 0))`; not the time. Room beyond the job's S
 * stages counts as S: the search compares room (and sums of room) with 1 and
 * with S, and the splits bound each block by `min(room, S − k + 1)`. So when
 * both, room taken up to S, are the same
 * as at the job's last search, the candidates are the same, and the kept
 * ones are returned (the same objects, so their kept price terms serve too,
 * `./candidatePrice.ts`); otherwise the search runs and its result is kept.
 */
import { topologyView } from "../cost/topologyView.js";
import { valuesByNumber } from "../sim/indexedValues.js";
import type { ClusterView } from "../sim/types.js";
import type { AllocatorOptions } from "./allocator.js";
import type { PathCandidate } from "./candidate.js";
import { withinTolerance } from "./choose.js";
import type { JobProfile } from "./profile.js";
import type { SearchOptions } from "./search.js";
import { shapeTable } from "./shapeTable.js";

/** The state a search read, and what it found. */
interface Kept {
  readonly room: Int32Array;
  readonly grantGbps: Float64Array;
  readonly within: readonly PathCandidate[];
}

/** Room for stages of `gpusPerStage` GPUs among `free`, taken up to `stages` (see the module comment). */
function roomOf(free: number, gpusPerStage: number, stages: number): number {
  return Math.min(Math.floor(free / gpusPerStage), stages);
}

/** A link's grant for a job shape of cap `capGbps` under `residualGbps` (see the module comment). */
function grantOf(capGbps: number, residualGbps: number): number {
  return Math.min(capGbps, Math.max(residualGbps, 0));
}

/** The state the search of `profile`'s job reads under `view` (see the module comment). */
function searchState(view: Readonly<ClusterView>, profile: JobProfile): Omit<Kept, "within"> {
  const index = topologyView(view.topology);
  const table = shapeTable(index, profile);
  const free = valuesByNumber(view.freeGpus, index.regionIds, 0);
  const residual = valuesByNumber(view.residualGbps, index.linkKeys, index.capacityGbps);
  const room = new Int32Array(free.length);
  for (let r = 0; r < room.length; r++) room[r] = roomOf(free[r] as number, table.gpusPerStage, table.stages);
  const grantGbps = new Float64Array(residual.length);
  for (let l = 0; l < grantGbps.length; l++) grantGbps[l] = grantOf(table.capGbps[l] as number, residual[l] as number);
  return { room, grantGbps };
}

/** Whether the state of `view` is the one `kept` was found under (NaN never matches, so it only forces a new search). */
function readsAsKept(view: Readonly<ClusterView>, profile: JobProfile, kept: Kept): boolean {
  const index = topologyView(view.topology);
  const table = shapeTable(index, profile);
  const free = valuesByNumber(view.freeGpus, index.regionIds, 0);
  if (free.length !== kept.room.length) return false;
  for (let r = 0; r < free.length; r++) if (roomOf(free[r] as number, table.gpusPerStage, table.stages) !== kept.room[r]) return false;
  const residual = valuesByNumber(view.residualGbps, index.linkKeys, index.capacityGbps);
  if (residual.length !== kept.grantGbps.length) return false;
  for (let l = 0; l < residual.length; l++) if (grantOf(table.capGbps[l] as number, residual[l] as number) !== kept.grantGbps[l]) return false;
  return true;
}

/** Keeps each job profile's last cost-min candidates with the state they were found under. */
export class KeptCandidates {
  private readonly kept = new WeakMap<JobProfile, Kept>();

  constructor(
    private readonly search: SearchOptions,
    private readonly allocator: AllocatorOptions,
  ) {}

  /** `withinTolerance(view, profile, search, allocator)`, the kept candidates when the state is the same as at the last search (see the module comment). */
  within(view: Readonly<ClusterView>, profile: JobProfile): readonly PathCandidate[] {
    const last = this.kept.get(profile);
    if (last !== undefined && readsAsKept(view, profile, last)) return last.within;
    const within = withinTolerance(view, profile, this.search, this.allocator);
    this.kept.set(profile, { ...searchState(view, profile), within });
    return within;
  }
}
