/**
 * The seeded runs whose records are pinned by `recordPins.test.ts`: generated
 * workloads of 200 jobs on the bundled default topology (seeds 1–3, loads 0.5
 * and 1, link capacities ×1 and ×0.5), one on the hourly-price topology, and
 * one stress run that exercises the refusal paths: GPUs cut to a twelfth
 * (12, 5, 5, 5, 2, 4), links at a quarter, load 2, and every second job with
 * overlapped sends, so jobs are queued behind full links, some can never be
 * placed (each unschedulable reason appears), and both iteration-time
 * variants are priced. Two more runs widen the region count for the policies
 * whose work grows with it (bace-wait re-places every deferred job): 40 jobs
 * at load 1 on the bundled 12-region geo12 topology, and 30 jobs at load 2 on
 * 24 regions made of geo12 twice ({@link twoGeo12}); few jobs, so that
 * bace-wait's runs stay short.
 */
import path from "node:path";
import { createHash } from "node:crypto";
import { jobsCsv } from "../../src/cli/simulate.js";
import { scaleBandwidth } from "../../src/harness/runCell.js";
import { DEFAULT_INSTANCE_PATHS, loadModels, loadTopology } from "../../src/model/index.js";
import type { Topology } from "../../src/model/types.js";
import type { SimInput } from "../../src/sim/result.js";
import { generateWorkload } from "../../src/workload/generate.js";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** One pinned run's input, by name. */
export interface PinnedRun {
  /** Name in the pin table, e.g. "s1-load0.5-bw1". */
  readonly name: string;
  /** Builds the simulator input (cheap; the topology and models are loaded once). */
  readonly input: () => SimInput;
}

const models = loadModels(DEFAULT_INSTANCE_PATHS.modelsDir);
const defaultTopology = loadTopology(DEFAULT_INSTANCE_PATHS.topologyPath);
const hourlyTopology = loadTopology(path.join(ROOT, "instances", "default", "topology-hourly.json"));
const geo12 = loadTopology(path.join(ROOT, "instances", "geo12", "topology.json"));

/**
 * 24 regions: geo12 and a copy of it whose ids end in "-2" and whose prices
 * are 1.25× (constant) or ×1 (hourly); inside each half geo12's links, and
 * between the halves each of geo12's links again from a region of one half
 * to the other region's copy. A test topology only, not a measurement.
 */
function twoGeo12(): Topology {
  const copy = (id: string): string => `${id}-2`;
  const regions = geo12.regions.map((r) => ({
    ...r,
    id: copy(r.id),
    price: r.price.kind === "constant" ? { ...r.price, usdPerKwh: r.price.usdPerKwh * 1.25 } : r.price,
  }));
  const links = geo12.links.flatMap((l) => [
    { ...l, a: copy(l.a), b: copy(l.b) },
    { ...l, b: copy(l.b) },
  ]);
  return { name: "geo12x2", regions: [...geo12.regions, ...regions], links: [...geo12.links, ...links] };
}

/** A generated workload of `jobs` jobs (default 200) on `topology` with links scaled by `bandwidthScale` (as a harness cell builds it). */
function generated(topology: Topology, seed: number, load: number, bandwidthScale: number, jobs = 200): SimInput {
  const scaled = scaleBandwidth(topology, bandwidthScale);
  return { topology: scaled, models, jobs: generateWorkload({ seed, jobs, load, topology: scaled, models }).jobs };
}

/** The stress run of the module comment. */
function stress(): SimInput {
  const jobs = generateWorkload({ seed: 4, jobs: 200, load: 2, topology: defaultTopology, models }).jobs.map((j, i) => (i % 2 === 1 ? { ...j, commOverlap: true } : j));
  const scaled = scaleBandwidth(defaultTopology, 0.25);
  const topology: Topology = { ...scaled, name: "default-gpus/12-bw/4", regions: scaled.regions.map((r) => ({ ...r, gpus: Math.floor(r.gpus / 12) })) };
  return { topology, models, jobs };
}

/** The pinned runs (the same for every scheduler). */
export const PINNED_RUNS: readonly PinnedRun[] = [
  { name: "s1-load0.5-bw1", input: () => generated(defaultTopology, 1, 0.5, 1) },
  { name: "s2-load1-bw0.5", input: () => generated(defaultTopology, 2, 1, 0.5) },
  { name: "s3-load1-bw1", input: () => generated(defaultTopology, 3, 1, 1) },
  { name: "hourly-s2-load1-bw1", input: () => generated(hourlyTopology, 2, 1, 1) },
  { name: "stress-s4-load2-gpus/12-bw0.25", input: stress },
  { name: "geo12-s5-load1-bw1-40jobs", input: () => generated(geo12, 5, 1, 1, 40) },
  { name: "geo12x2-s6-load2-bw1-30jobs", input: () => generated(twoGeo12(), 6, 2, 1, 30) },
];

/** SHA-256 (hex) of the `jobs.csv` text `geopipe simulate` writes for these records. */
export function jobsCsvHash(records: Parameters<typeof jobsCsv>[0]): string {
  return createHash("sha256").update(jobsCsv(records)).digest("hex");
}
