/**
 * Results must not depend on accidents of the input: the same instance with
 * its regions and links listed in another order gives every scheduler the
 * same records (docs/bace.md, "Tie-breaks").
 */
import { describe, expect, it } from "vitest";
import { loadModels, loadTopology } from "../../src/model/load.js";
import type { Topology } from "../../src/model/types.js";
import { getScheduler, SCHEDULER_NAMES } from "../../src/schedulers.js";
import { simulate } from "../../src/sim/simulate.js";
import { mulberry32 } from "../../src/util/rng.js";
import { generateWorkload } from "../../src/workload/generate.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const base = loadTopology(`${ROOT}instances/default/topology.json`);
const models = loadModels(`${ROOT}models`);

/** `xs` shuffled by a seeded Fisher–Yates. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const rng = mulberry32(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const variants: readonly [string, Topology][] = [
  ["reversed", { ...base, regions: [...base.regions].reverse(), links: [...base.links].reverse().map((l) => ({ ...l, a: l.b, b: l.a })) }],
  ["shuffled", { ...base, regions: shuffled(base.regions, 7), links: shuffled(base.links, 8) }],
];

describe("file order", () => {
  for (const name of SCHEDULER_NAMES) {
    it(`simulate(${name}) gives the same records whatever the order of regions and links`, () => {
      for (const seed of [1]) {
        const jobs = generateWorkload({ seed, jobs: 40, load: 1, topology: base, models }).jobs;
        const reference = simulate({ topology: base, models, jobs }, getScheduler(name));
        for (const [, topology] of variants) {
          expect(generateWorkload({ seed, jobs: 40, load: 1, topology, models }).jobs).toEqual(jobs);
          const run = simulate({ topology, models, jobs }, getScheduler(name));
          expect(run.records).toEqual(reference.records);
          expect(run.summary).toEqual(reference.summary);
        }
      }
    });
  }
});
