import { evaluateInView } from "../../src/exact/evaluate.js";
import type { TraceMode } from "../../src/exact/traceModes.js";
import type { Job } from "../../src/model/types.js";
import type { ClusterView } from "../../src/sim/types.js";

/** Every region sequence of S stages over the ids (brute-force path sets for the trace-mode tests). */
export function allPaths(S: number, ids: readonly string[]): string[][] {
  let paths: string[][] = [[]];
  for (let k = 0; k < S; k++) paths = paths.flatMap((p) => ids.map((id) => [...p, id]));
  return paths;
}

/** Each path of `job` the cost model can run in `view`: its runtime, and whether a mode's types are exactly the path's and its GPU claims are met. */
export function runnablePaths(view: Readonly<ClusterView>, job: Job, types: ReadonlyMap<string, string>): { path: string[]; runtimeSec: number; meets: (m: TraceMode) => boolean }[] {
  const ids = view.topology.regions.map((r) => r.id);
  return allPaths(job.stages, ids).flatMap((path) => {
    const e = evaluateInView(view, job, path);
    if (e === null || !e.gpusFit) return [];
    const used = [...new Set(path.map((id) => types.get(id) as string))].sort().join("|");
    const held = new Map<string, number>();
    for (const id of path) held.set(types.get(id) as string, (held.get(types.get(id) as string) ?? 0) + job.gpusPerStage);
    const meets = (m: TraceMode): boolean => m.types.join("|") === used && [...m.gpusByType].every(([y, n]) => (held.get(y) ?? 0) >= n);
    return [{ path, runtimeSec: job.iterations * e.breakdown.iterationSec, meets }];
  });
}
