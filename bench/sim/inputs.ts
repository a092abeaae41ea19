/**
 * Inputs of the simulator benchmark, built once by the parent (this
 * checkout's code) and written to `bench/out/sim-inputs/` as JSON, so that
 * every source tree timed simulates exactly the same topology and jobs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_INSTANCE_PATHS, loadModels, loadTopology } from "../../src/model/index.js";
import type { Job, LlmModel, Topology } from "../../src/model/types.js";
import { generateWorkload } from "../../src/workload/generate.js";
import { gridLadderTopology, gridTopology } from "./gridTopology.js";
import { phillyStandInJobs } from "./phillyStandIn.js";
import { ROOT } from "./tree.js";

/** A built input: where its JSON is, and what it holds. */
export interface BuiltInput {
  /** JSON file `{ topology, jobs }`. */
  readonly file: string;
  readonly topology: Topology;
  readonly jobs: readonly Job[];
}

const OUT = join(ROOT, "bench", "out", "sim-inputs");
let models: ReadonlyMap<string, LlmModel> | null = null;
let defaultTopology: Topology | null = null;
let grid: Topology | null = null;

function loaded(): { models: ReadonlyMap<string, LlmModel>; topology: Topology } {
  models ??= loadModels(DEFAULT_INSTANCE_PATHS.modelsDir);
  defaultTopology ??= loadTopology(DEFAULT_INSTANCE_PATHS.topologyPath);
  return { models, topology: defaultTopology };
}

function write(name: string, topology: Topology, jobs: readonly Job[]): BuiltInput {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.json`);
  writeFileSync(file, JSON.stringify({ topology, jobs }));
  return { file, topology, jobs };
}

/** `generateWorkload({ seed, jobs, load })` on the default topology. */
export function generatedInput(jobs: number, seed: number, load: number): BuiltInput {
  const { models: m, topology } = loaded();
  return write(`gen-${jobs}-s${seed}-load${load}`, topology, generateWorkload({ seed, jobs, load, topology, models: m }).jobs);
}

/** The Philly stand-in (`phillyStandIn.ts`) on the default topology. */
export function phillyInput(dataDir: string, seed: number, load: number): BuiltInput {
  const { models: m, topology } = loaded();
  return write(`philly-standin-s${seed}-load${load}`, topology, phillyStandInJobs(dataDir, seed, load, topology, m));
}

/** `generateWorkload({ seed, jobs, load })` on the first `regions` regions of the Skyplane grid (`gridTopology.ts`). */
export function gridInput(dataDir: string, regions: number, jobs: number, seed: number, load: number): BuiltInput {
  const { models: m } = loaded();
  grid ??= gridTopology(dataDir);
  const topology = gridLadderTopology(grid, regions);
  return write(`grid${regions}-${jobs}-s${seed}-load${load}`, topology, generateWorkload({ seed, jobs, load, topology, models: m }).jobs);
}
