/** CBA: training requests on an elastic optical network (re-exports only). */
export * from "./network.js";
export * from "./nsfnet.js";
export * from "./modulation.js";
export * from "./paths.js";
export * from "./spectrum.js";

export * from "./request.js";
export * from "./iteration.js";
export * from "./assignment.js";
export * from "./nearestFirstFit.js";
export * from "./simulate.js";
export * from "./verify.js";
export * from "./verifyTiming.js";
export * from "./verifyMetrics.js";
export * from "./verifySweep.js";
export * from "./violation.js";
export * from "./ilp.js";
export * from "./ilpPolicy.js";
export * from "./simulationRun.js";
export * from "./sweep.js";
export * from "./sweepReport.js";
