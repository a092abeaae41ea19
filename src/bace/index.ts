/** BACE-Pipe: dynamic priority, bandwidth-aware pathfinder, cost-min allocator, and the combinator that composes policies. */
export * from "./profile.js";
export * from "./regionGraph.js";
export * from "./splits.js";
export * from "./candidate.js";
export * from "./pathfinder.js";
export * from "./allocator.js";
export * from "./priority.js";
export * from "./compose.js";
export * from "./bace.js";
