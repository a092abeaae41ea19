/** CrossPipe micro-batch schedules: instance, schedules (GPipe, 1F1B, greedy, MILP), verifier, stats, Gantt SVG, placement file. */
export * from "./instance.js";
export * from "./schedule.js";
export * from "./engine.js";
export * from "./bounds.js";
export * from "./gpipe.js";
export * from "./oneFOneB.js";
export * from "./greedy.js";
export * from "./milpModel.js";
export * from "./milp.js";
export * from "./verify.js";
export * from "./stats.js";
export * from "./gantt.js";
export * from "./fromPlacement.js";
export * from "./compare.js";
export * from "./placementFile.js";
