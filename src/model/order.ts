/**
 * The one order of region ids every policy breaks ties by: code-unit order
 * of the ids (`"a" < "b" < "ba"`), never the order of regions or links in a
 * topology file, so that permuting a file cannot change a result
 * (docs/bace.md, "Tie-breaks").
 */
import type { Region, Topology } from "./types.js";

/** Code-unit order of two ids: negative, 0 or positive. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const sorted = new WeakMap<Topology, readonly Region[]>();

/** The regions of `topology` in id order; memoised per topology object. */
export function regionsById(topology: Topology): readonly Region[] {
  const hit = sorted.get(topology);
  if (hit !== undefined) return hit;
  const out = [...topology.regions].sort((x, y) => compareIds(x.id, y.id));
  sorted.set(topology, out);
  return out;
}
