/** The cost model (DESIGN §2, docs/model.md): pure functions over the domain types. */
export * from "./errors.js";
export * from "./compute.js";
export * from "./communication.js";
export * from "./iteration.js";
export * from "./energy.js";
export * from "./price.js";
export * from "./demand.js";
export * from "./evaluate.js";
export * from "./grant.js";
