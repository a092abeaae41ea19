/**
 * Random single-job placement instances shared by the engine's tests: 2–4
 * regions of 1–4 GPUs, a job of 2–6 stages, links partly used, optional
 * per-node-pair caps, idle power, slow intra-region fabrics (revisits), both
 * send variants, and an objective.
 */
import fc from "fast-check";
import { linkKey } from "../../src/cost/index.js";
import type { Topology } from "../../src/model/types.js";
import { T1, T2, constant, job, link, region, view } from "../bace/fixtures.js";

/** Random 2–4 regions with 1–4 GPUs each, a job of 2–6 stages, links partly used, optional per-node-pair caps and idle power. */
export const instance = fc.record({
  regions: fc.array(
    fc.record({
      gpus: fc.integer({ min: 1, max: 4 }),
      fast: fc.boolean(),
      idle: fc.boolean(),
      price: fc.double({ min: 0.05, max: 0.5, noNaN: true }),
      pue: fc.double({ min: 1, max: 1.5, noNaN: true }),
      intraGbps: fc.constantFrom(0.2, 16, 200),
    }),
    { minLength: 2, maxLength: 4 },
  ),
  links: fc.array(
    fc.record({
      gbps: fc.double({ min: 5, max: 100, noNaN: true }),
      latencyMs: fc.double({ min: 0.2, max: 20, noNaN: true }),
      used: fc.double({ min: 0, max: 0.9, noNaN: true }),
      perPair: fc.option(fc.double({ min: 2, max: 60, noNaN: true }), { nil: undefined }),
    }),
    { minLength: 6, maxLength: 6 },
  ),
  stages: fc.integer({ min: 2, max: 6 }),
  microBatches: fc.integer({ min: 1, max: 8 }),
  overlap: fc.boolean(),
  objective: fc.oneof(
    fc.record({ kind: fc.constant("weighted" as const), alpha: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({ kind: fc.constant("time" as const) }),
    fc.record({ kind: fc.constant("cost" as const), capFactor: fc.double({ min: 0.8, max: 3, noNaN: true }) }),
  ),
});

export type Instance = typeof instance extends fc.Arbitrary<infer T> ? T : never;

export function build(i: Instance) {
  const ids = i.regions.map((_, k) => `r${k}`);
  const topology: Topology = {
    name: "random",
    regions: i.regions.map((r, k) =>
      region(ids[k] as string, r.gpus, {
        gpu: { ...(r.fast ? T2 : T1), ...(r.idle ? { idlePowerW: 90 } : {}) },
        price: constant(r.price),
        pue: r.pue,
        intraBandwidthGbps: r.intraGbps,
      }),
    ),
    links: [],
  };
  const links = ids.flatMap((a, k) => ids.slice(k + 1).map((b) => [a, b] as const));
  const withLinks: Topology = {
    ...topology,
    links: links.map(([a, b], n) => {
      const l = i.links[n % 6] as Instance["links"][number];
      return link(a, b, l.gbps, l.latencyMs, l.perPair);
    }),
  };
  const residualGbps: Record<string, number> = {};
  withLinks.links.forEach((l, n) => (residualGbps[linkKey(l.a, l.b)] = l.bandwidthGbps * (1 - ((i.links[n % 6] as Instance["links"][number]).used ?? 0))));
  const j = job("j", i.stages, { microBatches: i.microBatches, commOverlap: i.overlap });
  return { topology: withLinks, view: view(withLinks, { residualGbps }), job: j };
}

