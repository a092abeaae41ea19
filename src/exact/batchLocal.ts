/**
 * Local search on a batch incumbent (`batchColumns.ts`, primal side only:
 * it never touches the bound). A move takes one job (or two) out of the
 * placement and puts it back at its exact optimum (`placeExact`) on the view
 * the other jobs leave, so it finds paths the columns lack (three regions
 * and more, paths around a full region). A move is kept when the new
 * columns' scores sum lower and the whole placement still meets every GPU
 * and link row of the master (`fitsMaster`); the caller re-evaluates the
 * result job by job as for every incumbent.
 *
 * Pair moves (both orders) are tried on pairs that share a region, most
 * costly first, once no single move improves.
 */
import type { PipelinePath } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { columnOf, fitsMaster, type Capacities, type Column, type ShapeClass } from "./batchMaster.js";
import type { Coefficients } from "./coefficients.js";
import { placeExact, type ExactOptions } from "./engine.js";
import { applyStart } from "./exactScheduler.js";
import type { ExactObjective } from "./pathObjective.js";

/** Settings of {@link improveIncumbent}. */
export interface LocalSearchSettings {
  readonly objective: ExactObjective;
  /** The engine's options for the next move, or null when the time is up. */
  readonly options: () => Required<ExactOptions> | null;
}

/** What {@link improveIncumbent} found: the placement (one column per job, in job order), and every column the moves met (new ones for the master). */
export interface LocalSearchResult {
  readonly chosen: Column[];
  readonly met: Column[];
  readonly moves: number;
}

/**
 * Improves `chosen` (columns, each class's going to its jobs in order, as
 * `reevaluate` assigns them) by single and pair re-insertions until none
 * improves or `options()` says the time is up.
 */
export function improveIncumbent(view: Readonly<ClusterView>, coefs: readonly Coefficients[], classes: readonly ShapeClass[], classOf: readonly number[], cap: Capacities, chosen: readonly Column[], s: LocalSearchSettings): LocalSearchResult {
  const queue = new Map<number, Column[]>();
  for (const col of chosen) queue.set(col.cls, [...(queue.get(col.cls) ?? []), col]);
  const perJob = classOf.map((c) => queue.get(c)?.shift() as Column);
  const n = perJob.length;
  const regionIndex = new Map((coefs[0]?.regions ?? []).map((id, i) => [id, i] as const));
  const ids = (col: Column, j: number): PipelinePath => col.regions.map((r) => (coefs[j] as Coefficients).regions[r] as string);
  const met: Column[] = [];
  let moves = 0;
  /** The view with every job but those in `out` started on its current path. */
  const without = (out: readonly number[]): Readonly<ClusterView> => {
    let w: Readonly<ClusterView> = view;
    for (let j = 0; j < n; j++) if (!out.includes(j)) w = applyStart(w, (coefs[j] as Coefficients).job, ids(perJob[j] as Column, j));
    return w;
  };
  /** Job j's optimum on `w` as a column, or null (no path, not a column, or the time is up). */
  const place = (w: Readonly<ClusterView>, j: number): Column | null => {
    const opts = s.options();
    if (opts === null) return null;
    const res = placeExact(w, (coefs[j] as Coefficients).job, s.objective, opts);
    if (res.path === null) return null;
    const cls = classOf[j] as number;
    const col = columnOf(cls, classes[cls] as ShapeClass, res.path.map((id) => regionIndex.get(id) as number));
    if (col !== null) met.push(col);
    return col;
  };
  /** Takes `cols` for jobs `js` when they score lower in sum and the placement fits the master's rows. */
  const accept = (js: readonly number[], cols: readonly (Column | null)[]): boolean => {
    if (cols.some((c) => c === null)) return false;
    const before = js.reduce((a, j) => a + (perJob[j] as Column).cost, 0);
    const after = cols.reduce((a, c) => a + (c as Column).cost, 0);
    if (!(after < before - 1e-9 * Math.abs(before))) return false;
    const next = perJob.slice();
    js.forEach((j, i) => (next[j] = cols[i] as Column));
    if (!fitsMaster(classes, next, cap)) return false;
    js.forEach((j, i) => (perJob[j] = cols[i] as Column));
    moves++;
    return true;
  };
  const timeUp = (): boolean => s.options() === null;
  for (let improved = true; improved && !timeUp(); ) {
    improved = false;
    const byCost = Array.from({ length: n }, (_, j) => j).sort((a, b) => (perJob[b] as Column).cost - (perJob[a] as Column).cost);
    for (const j of byCost) if (accept([j], [place(without([j]), j)])) improved = true;
    if (improved) continue;
    const pairs: [number, number][] = [];
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if ([...(perJob[a] as Column).stages.keys()].some((r) => (perJob[b] as Column).stages.has(r))) pairs.push([a, b]);
    pairs.sort((p, q) => (perJob[q[0]] as Column).cost + (perJob[q[1]] as Column).cost - (perJob[p[0]] as Column).cost - (perJob[p[1]] as Column).cost);
    for (const [a, b] of pairs) {
      if (timeUp()) break;
      const w = without([a, b]);
      for (const [x, y] of [[a, b], [b, a]] as const) {
        const cx = place(w, x);
        const cy = cx === null ? null : place(applyStart(w, (coefs[x] as Coefficients).job, ids(cx, x)), y);
        if (accept([x, y], [cx, cy])) {
          improved = true;
          break;
        }
      }
      if (improved) break;
    }
  }
  return { chosen: perJob, met, moves };
}
