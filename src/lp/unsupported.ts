/**
 * What a backend cannot take: a model it would solve wrongly is refused
 * before solving, with a message that names the variable and the way out.
 */
import { isSemi, type Model } from "./model.js";
import type { BackendName } from "./result.js";

/** Thrown by a backend's `solve` for a model it cannot represent (a user-input error, not a solve outcome). */
export class UnsupportedModelError extends Error {
  override readonly name = "UnsupportedModelError";
}

/** Throws {@link UnsupportedModelError} when `model` has a semi-continuous or semi-integer variable. */
export function refuseSemiVariables(backend: BackendName, model: Model): void {
  const semis = model.variables.filter((v) => isSemi(v.type));
  const first = semis[0];
  if (first === undefined) return;
  const more = semis.length > 1 ? ` (and ${semis.length - 1} more)` : "";
  throw new UnsupportedModelError(
    `${backend} cannot solve ${first.type} variable "${first.name}"${more}; use the highs backend (--backend highs), which takes semi-continuous and semi-integer variables natively`,
  );
}
