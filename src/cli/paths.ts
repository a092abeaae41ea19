/** Locations of the files bundled with the package, independent of the working directory. */
import path from "node:path";
import { PACKAGE_ROOT } from "../packageRoot.js";

export { PACKAGE_ROOT };

export const DEFAULT_TOPOLOGY = path.join(PACKAGE_ROOT, "instances", "default", "topology.json");
export const DEFAULT_WORKLOAD = path.join(PACKAGE_ROOT, "instances", "default", "workload.json");
export const MODELS_DIR = path.join(PACKAGE_ROOT, "models");
