/** The comparison harness: config, grid, worker pool, resumable results, shards and merging, tables and plots (re-exports only). */
export * from "./config.js";
export * from "./cells.js";
export * from "./results.js";
export * from "./runCell.js";
export * from "./pool.js";
export * from "./shiftedGeoMean.js";
export * from "./tables.js";
export * from "./plots.js";
export * from "./paretoPlot.js";
export * from "./report.js";
export * from "./htmlReport.js";
export * from "./preflight.js";
export * from "./progress.js";
export * from "./run.js";
export * from "./shard.js";
export * from "./merge.js";
export * from "./threadLane.js";
// the queue (src/harness/queue) is left out on purpose: importing it loads bullmq; import it from there
