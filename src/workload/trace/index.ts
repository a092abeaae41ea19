/** Trace import: public GPU-cluster traces as pipeline workloads (docs/workloads.md, "Importing a trace"). */
export * from "./types.js";
export * from "./formats/index.js";
export * from "./mapping.js";
export * from "./synthesis.js";
export * from "./bundled.js";
export * from "./options.js";
export * from "./select.js";
export * from "./provenance.js";
export * from "./import.js";
export * from "./readFile.js";
