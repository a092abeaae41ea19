/** geopipe as a library: the solver layer, the instance model, the cost model, and the papers' algorithms. */
export * from "./lp/model.js";
export * from "./lp/result.js";
export * from "./lp/check.js";
export * from "./lp/lpWriter.js";
export * from "./lp/lpReader.js";
export * from "./lp/mpsWriter.js";
export * from "./lp/mpsReader.js";
export * from "./lp/parseError.js";
export * from "./lp/backends/index.js";
export * from "./model/index.js";
export * from "./cost/index.js";
/** CrossPipe micro-batch schedules (namespaced: its `Schedule` and verifier are its own). */
export * as crosspipe from "./crosspipe/index.js";
/** CBA optical multi-datacenter assignment (namespaced). */
export * as cba from "./cba/index.js";
/** The multi-tenant simulator, its verifier and contracts (namespaced: its `Violation` is not the solver checker's). */
export * as sim from "./sim/index.js";
export * from "./schedulers.js";
export * as bace from "./bace/index.js";
export * as baselines from "./baselines/index.js";
export * from "./workload/index.js";
export * from "./util/rng.js";
/** Exact MILP formulations, optimality gaps and the offline bound (namespaced). */
export * as exact from "./exact/index.js";
/** The comparison harness: experiment configs, cells, results files, tables and plots (namespaced). */
export * as harness from "./harness/index.js";
