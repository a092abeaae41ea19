/** The folder of the installed package (its package.json, models/, instances/), whatever the working directory. */
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Package root: one level above this file, both in `src/` (tsx) and `dist/` (built). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
