/** Locations of the files bundled with the package, independent of the working directory. */
import { fileURLToPath } from "node:url";
import path from "node:path";

/** Package root: two levels above this file, both in `src/cli` (tsx) and `dist/cli` (built). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export const DEFAULT_TOPOLOGY = path.join(PACKAGE_ROOT, "instances", "default", "topology.json");
export const DEFAULT_WORKLOAD = path.join(PACKAGE_ROOT, "instances", "default", "workload.json");
export const MODELS_DIR = path.join(PACKAGE_ROOT, "models");
