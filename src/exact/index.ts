/** Exact MILP formulations (docs/exact.md): placement, batch, offline bound, Pareto front, gaps. */
export * from "./solveSync.js";
export * from "./coefficients.js";
export * from "./evaluate.js";
export * from "./formulation.js";
export * from "./placement.js";
export * from "./batch.js";
export * from "./offline.js";
export * from "./pareto.js";
export * from "./exactScheduler.js";
export * from "./gaps.js";
export * from "./measureSolver.js";
export * from "./decisionMeasure.js";
export * from "./runMeasure.js";
