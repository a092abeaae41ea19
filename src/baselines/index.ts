/** Baselines (delay-first, cost-first, FIFO/SJF orders) and the ablations of BACE-Pipe. */
export * from "./orders.js";
export * from "./delayFirst.js";
export * from "./costFirst.js";
export * from "./ablations.js";
