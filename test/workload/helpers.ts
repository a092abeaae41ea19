/** Test helpers: the bundled default instance, loaded once. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_INSTANCE_PATHS, InstanceError, loadModels, loadTopology } from "../../src/model/index.js";
import type { LlmModel, Topology } from "../../src/model/types.js";

/** Repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The default six-region topology. */
export const TOPOLOGY: Topology = loadTopology(DEFAULT_INSTANCE_PATHS.topologyPath);

/** The bundled models. */
export const MODELS: ReadonlyMap<string, LlmModel> = loadModels(DEFAULT_INSTANCE_PATHS.modelsDir);

/** The {@link InstanceError} `f` throws (any other outcome fails the test). */
export function thrown(f: () => unknown): InstanceError {
  try {
    f();
  } catch (e) {
    if (e instanceof InstanceError) return e;
    throw e;
  }
  throw new Error("expected an InstanceError");
}
