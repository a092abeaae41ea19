/**
 * A load sweep: offered loads × seeds × methods over the same seeded request
 * streams (common random numbers: every method sees the same requests for a
 * given load and seed). Every run is re-checked by {@link verifyRun}: its
 * assignments and every metric it reports, re-derived from its records.
 *
 * Offered load is in Erlang: arrival rate × mean holding time, so a load L
 * uses an arrival rate of L / meanHoldingSec per second.
 */
import type { Backend } from "../lp/result.js";
import { ilpPolicy, type IlpPolicyStats } from "./ilpPolicy.js";
import { nearestFirstFit } from "./nearestFirstFit.js";
import type { OpticalNetwork } from "./network.js";
import { DEFAULT_REQUEST_STREAM, generateRequests, type RequestStreamOptions } from "./request.js";
import { mulberry32 } from "../util/rng.js";
import { simulate, simulateAsync, type SimulationMetrics } from "./simulate.js";
import { verifyRun } from "./verify.js";

/** The compared methods: the CBA ILP, nearest first fit, the communication-oblivious ILP. */
export type CbaMethod = "cba" | "ff" | "oblivious";

/** Every {@link CbaMethod}, in report order. */
export const CBA_METHODS: readonly CbaMethod[] = ["cba", "ff", "oblivious"];

/** Options of {@link runSweep}. */
export interface SweepOptions {
  /** Offered loads, Erlang; default [6, 8, 10, 12, 14]. */
  readonly loadsErlang?: readonly number[];
  /** Seeds of the request streams; default [1, 2, 3]. */
  readonly seeds?: readonly number[];
  /** Methods; default all of {@link CBA_METHODS}. */
  readonly methods?: readonly CbaMethod[];
  /** Requests per run; default 300. */
  readonly requests?: number;
  /** Other request-stream options (count and arrival rate are set by the sweep); default none. */
  readonly stream?: Omit<RequestStreamOptions, "count" | "arrivalRatePerSec">;
  /** Per-request ILP time limit, s; default 2. */
  readonly timeLimitSec?: number;
  /** ILP candidate pruning: lowest free start slots kept per (hop, pair, path); default 4. */
  readonly maxStartsPerPath?: number;
  /** Called after each run (progress); default none. */
  readonly onRun?: ((run: SweepRun, done: number, total: number) => void) | null;
}

/** Defaults of {@link SweepOptions}. */
export const DEFAULT_SWEEP: Required<SweepOptions> = {
  loadsErlang: [6, 8, 10, 12, 14],
  seeds: [1, 2, 3],
  methods: CBA_METHODS,
  requests: 300,
  stream: {},
  timeLimitSec: 2,
  maxStartsPerPath: 4,
  onRun: null,
};

/** One (load, seed, method) run. */
export interface SweepRun {
  /** Method. */
  readonly method: CbaMethod;
  /** Offered load, Erlang. */
  readonly loadErlang: number;
  /** Request-stream seed. */
  readonly seed: number;
  /** Simulation metrics. */
  readonly metrics: SimulationMetrics;
  /** Whether {@link verifyRun} accepted the run's records and metrics. */
  readonly verified: boolean;
  /** Violations the verifier found (0 when verified). */
  readonly violations: number;
  /** ILP policy counters (null for first fit). */
  readonly ilp: IlpPolicyStats | null;
  /** Wall time of the run, ms. */
  readonly wallMs: number;
}

/** Run every (load, seed, method) on `network`, solving ILPs with `backend`. */
export async function runSweep(network: OpticalNetwork, backend: Backend, options: SweepOptions = {}): Promise<SweepRun[]> {
  const o = { ...DEFAULT_SWEEP, ...options };
  const meanHoldingSec = o.stream.meanHoldingSec ?? DEFAULT_REQUEST_STREAM.meanHoldingSec;
  const total = o.loadsErlang.length * o.seeds.length * o.methods.length;
  const runs: SweepRun[] = [];
  for (const loadErlang of o.loadsErlang) {
    for (const seed of o.seeds) {
      const requests = generateRequests(network.nodes, mulberry32(seed), {
        ...o.stream,
        count: o.requests,
        arrivalRatePerSec: loadErlang / meanHoldingSec,
      });
      for (const method of o.methods) {
        const start = performance.now();
        let ilp: IlpPolicyStats | null = null;
        let result;
        if (method === "ff") result = simulate(network, requests, nearestFirstFit());
        else {
          const p = ilpPolicy(backend, {
            communication: method === "cba" ? "aware" : "oblivious",
            timeLimitSec: o.timeLimitSec,
            maxStartsPerPath: o.maxStartsPerPath,
          });
          result = await simulateAsync(network, requests, p.policy);
          ilp = p.stats;
        }
        const check = verifyRun(network, result.records, result.metrics);
        const run: SweepRun = {
          method, loadErlang, seed, metrics: result.metrics, verified: check.ok, violations: check.violations.length, ilp,
          wallMs: performance.now() - start,
        };
        runs.push(run);
        o.onRun?.(run, runs.length, total);
      }
    }
  }
  return runs;
}
