/**
 * Holder of the loaded HiGHS-WASM runtime of this thread (main thread or worker).
 *
 * A WASM trap ("Aborted()", out-of-bounds access, unreachable) leaves the
 * runtime in an unknown state: C++ destructors did not run, the stack pointer
 * was not restored. The holder lets the caller drop such a runtime; the next
 * {@link acquireHighs} loads a fresh instance. The compiled `WebAssembly.Module`
 * is kept, so a reload only instantiates (tens of milliseconds), and it is
 * fetched once per thread.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import highsDefaultExport, { type Highs, type InitOptions } from "highs";

/**
 * The package ships CommonJS-flavoured types (`export default` in a
 * `"type": "commonjs"` package), so under NodeNext TypeScript types the
 * default import as the module object, while Node's ESM entry
 * (`build/highs.mjs`) gives the loader function itself. Accept both.
 */
const loadHighs: (options?: InitOptions) => Promise<Highs> = (() => {
  const d = highsDefaultExport as unknown as { default?: unknown };
  return (typeof d === "function" ? d : d.default) as (options?: InitOptions) => Promise<Highs>;
})();

/** The slice of the global `WebAssembly` object used here (lib "ES2022" does not declare it). */
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<object>;
  readonly RuntimeError: new (message?: string) => Error;
};

let compiled: Promise<object> | null = null;
let loading: Promise<Highs> | null = null;
let loaded: Highs | null = null;
let loadCount = 0;

/** Compiles `highs.wasm` once per thread. */
function compiledModule(): Promise<object> {
  if (compiled === null) {
    const wasmPath = createRequire(import.meta.url).resolve("highs/runtime");
    compiled = readFile(wasmPath).then((bytes) => WebAssembly.compile(bytes));
    compiled.catch(() => {
      compiled = null; // let a later call retry
    });
  }
  return compiled;
}

/** The live runtime, loading a fresh one when none is held. */
export function acquireHighs(): Promise<Highs> {
  if (loaded !== null) return Promise.resolve(loaded);
  if (loading === null) {
    const attempt = compiledModule()
      .then((wasmModule) => loadHighs({ wasmModule } as InitOptions))
      .then((runtime) => {
        if (loading === attempt) {
          loaded = runtime;
          loadCount++;
        }
        return runtime;
      })
      .finally(() => {
        if (loading === attempt) loading = null;
      });
    loading = attempt;
  }
  return loading;
}

/** Drops `runtime` if it is the one held, so the next {@link acquireHighs} loads a fresh one. */
export function discardHighs(runtime: Highs): void {
  if (loaded === runtime) loaded = null;
}

/** The runtime held right now, without loading; null when none. */
export function currentHighs(): Highs | null {
  return loaded;
}

/** Counters of this thread's holder. */
export interface HighsRuntimeStats {
  /** Runtimes loaded so far (1 + reloads after aborts). */
  readonly loads: number;
  /** Linear-memory size of the held runtime in bytes (capacity, not live use); null when none is held. */
  readonly heapBytes: number | null;
}

/** Load count and heap size of this thread's holder. */
export function highsRuntimeStats(): HighsRuntimeStats {
  return { loads: loadCount, heapBytes: loaded === null ? null : loaded.memoryBytes };
}

/** True when `error` is a WASM trap or an Emscripten `abort()`, after which the runtime must be dropped. */
export function isWasmAbort(error: unknown): boolean {
  if (error instanceof WebAssembly.RuntimeError) return true;
  return error instanceof Error && error.message.includes("Aborted(");
}
