/** Topologies derived from the bundled measured grids (docs/topologies.md). */
export * from "./grid.js";
export * from "./gpus.js";
export * from "./links.js";
export * from "./markets.js";
export * from "./prices.js";
export * from "./topology.js";
export * from "./report.js";
