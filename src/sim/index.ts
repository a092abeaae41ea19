/** The discrete-event multi-tenant simulator, its contracts and the schedule verifier. */
export * from "./types.js";
export * from "./result.js";
export * from "./errors.js";
export * from "./events.js";
export * from "./state.js";
export * from "./place.js";
export * from "./summary.js";
export * from "./verify.js";
export { simulate, emptyView, DEADLOCK_REASON } from "./simulate.js";
