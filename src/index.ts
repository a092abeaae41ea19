export * from "./lp/model.js";
export * from "./lp/result.js";
export * from "./lp/check.js";
