/**
 * fast-check generators of small random instances (2–4 regions of the toy
 * GPUs, random links, toy jobs) and of views of them, for the property tests
 * of the policies and the shared policy suite.
 */
import fc from "fast-check";
import { linkKey } from "../../src/cost/index.js";
import type { Job, Link, Region, Topology } from "../../src/model/types.js";
import type { ClusterView } from "../../src/sim/types.js";
import { constant, MODELS, region, T1, T2 } from "./fixtures.js";

const IDS = ["r0", "r1", "r2", "r3"] as const;

/** A topology of 2–4 regions (1–8 GPUs, T1 or T2, PUE 1–1.5, 0.02–0.3 USD/kWh) and a random subset of links (1–20 Gbit/s, 1–80 ms). */
export const topologyArb: fc.Arbitrary<Topology> = fc
  .integer({ min: 2, max: 4 })
  .chain((n) => {
    const pairs: [string, string][] = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([IDS[i]!, IDS[j]!]);
    const regionArb = fc.record({
      gpus: fc.integer({ min: 1, max: 8 }),
      fast: fc.boolean(),
      pue: fc.double({ min: 1, max: 1.5, noNaN: true }),
      price: fc.double({ min: 0.02, max: 0.3, noNaN: true }),
    });
    const linkArb = fc.option(fc.record({ bandwidthGbps: fc.double({ min: 1, max: 20, noNaN: true }), latencyMs: fc.double({ min: 1, max: 80, noNaN: true }) }), { nil: undefined, freq: 4 });
    return fc.tuple(fc.array(regionArb, { minLength: n, maxLength: n }), fc.array(linkArb, { minLength: pairs.length, maxLength: pairs.length })).map(([rs, ls]) => {
      const regions: Region[] = rs.map((r, i) => region(IDS[i]!, r.gpus, { gpu: r.fast ? T2 : T1, pue: r.pue, price: constant(r.price) }));
      const links: Link[] = [];
      ls.forEach((l, i) => {
        if (l !== undefined) links.push({ a: pairs[i]![0], b: pairs[i]![1], ...l });
      });
      return { name: "random", regions, links };
    });
  });

/** A toy job: 1–4 stages × 1–2 GPUs, 1–4 micro-batches of 1–2 sequences, 10–3000 iterations, arrival 0–200 s. */
export function jobArb(id: string): fc.Arbitrary<Job> {
  return fc.record({
    id: fc.constant(id),
    model: fc.constant("toy"),
    arrivalSec: fc.integer({ min: 0, max: 200 }),
    stages: fc.integer({ min: 1, max: 4 }),
    gpusPerStage: fc.integer({ min: 1, max: 2 }),
    microBatchSize: fc.integer({ min: 1, max: 2 }),
    microBatches: fc.integer({ min: 1, max: 4 }),
    iterations: fc.integer({ min: 10, max: 3000 }),
    mfu: fc.constant(0.5),
  });
}

/** 1–`max` jobs with ids j0, j1, …. */
export function jobsArb(max: number): fc.Arbitrary<Job[]> {
  return fc.integer({ min: 1, max }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => jobArb(`j${i}`))));
}

/** A simulator input: a random topology and up to `maxJobs` jobs. */
export function instanceArb(maxJobs: number): fc.Arbitrary<{ topology: Topology; models: typeof MODELS; jobs: Job[] }> {
  return fc.tuple(topologyArb, jobsArb(maxJobs)).map(([topology, jobs]) => ({ topology, models: MODELS, jobs }));
}

/** A view of `topology` with random free GPUs (0…gpus) and residuals (0…capacity), at a time drawn from `timeSecArb`. */
export function stateArb(topology: Topology, timeSecArb: fc.Arbitrary<number>): fc.Arbitrary<ClusterView> {
  return fc
    .tuple(
      fc.tuple(...topology.regions.map((r) => fc.integer({ min: 0, max: r.gpus }))),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: topology.links.length, maxLength: topology.links.length }),
      timeSecArb,
    )
    .map(([free, fractions, timeSec]) => ({
      timeSec,
      topology,
      models: MODELS,
      freeGpus: new Map(topology.regions.map((r, i) => [r.id, free[i] ?? 0] as const)),
      residualGbps: new Map(topology.links.map((l, i) => [linkKey(l.a, l.b), (fractions[i] ?? 1) * l.bandwidthGbps] as const)),
      running: [],
    }));
}

/** A view of a random topology with random free GPUs (0…gpus) and residuals (0…capacity), at 0–10 000 s. */
export const viewArb: fc.Arbitrary<ClusterView> = topologyArb.chain((topology) => stateArb(topology, fc.integer({ min: 0, max: 10_000 })));
