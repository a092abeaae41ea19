/** The domain model: types, instance-file schemas, loaders with field-path errors, and JSON Schema generation. */
export * from "./types.js";
export * from "./schemas.js";
export * from "./issues.js";
export * from "./zodIssues.js";
export * from "./json.js";
export * from "./crossCheck.js";
export * from "./load.js";
export * from "./instance.js";
export * from "./jsonSchema.js";
export * from "./csv.js";
export * from "./order.js";
export * from "./utcTime.js";
export * from "./calendar.js";
export * from "./derive/index.js";
export * from "./instanceJson.js";
