/**
 * Backend registry: every solver behind the common {@link Backend} interface,
 * looked up by name.
 */
import type { Backend, BackendName } from "../result.js";
import { glpk } from "./glpk.js";
import { highs } from "./highs.js";
import { jslp } from "./jslp.js";

export { glpk } from "./glpk.js";
export { highs, shutdownHighs } from "./highs.js";
export { jslp } from "./jslp.js";

/** Every backend name, HiGHS (the reference) first. */
export const BACKEND_NAMES: ReadonlyArray<BackendName> = ["highs", "glpk", "jslp"];

const BACKENDS: Readonly<Record<BackendName, Backend>> = { highs, glpk, jslp };

/** Thrown by {@link getBackend} for a name that is not a backend (a user-input error). */
export class UnknownBackendError extends Error {
  override readonly name = "UnknownBackendError";
}

/** Whether `name` is one of {@link BACKEND_NAMES}. */
export function isBackendName(name: string): name is BackendName {
  return (BACKEND_NAMES as ReadonlyArray<string>).includes(name);
}

/**
 * The backend called `name`. Takes any string so names from the command line
 * can be passed as they are; an unknown name throws {@link UnknownBackendError}
 * listing the valid ones.
 */
export function getBackend(name: BackendName | (string & {})): Backend {
  if (!isBackendName(name)) {
    throw new UnknownBackendError(`backend: unknown solver "${name}"; use one of ${BACKEND_NAMES.join(", ")}`);
  }
  return BACKENDS[name];
}
