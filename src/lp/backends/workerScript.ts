/**
 * Finding and starting a solver worker script (`highsWorker`, `jslpWorker`):
 * the compiled `<name>.js` next to this file when it exists (`dist/`), else
 * `<name>.ts` loaded through tsx's `tsImport` from a small eval'd bootstrap
 * (source under vitest or tsx; tsx is a devDependency).
 * `execArgv: ["--import", "tsx"]` does not work here: Node 20 loads the worker
 * entry before the hooks registered by `--import` apply ("Unknown file
 * extension .ts").
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/** How to start a worker: a script URL, or bootstrap code to eval. */
export type WorkerScript =
  | { readonly kind: "file"; readonly url: URL }
  | { readonly kind: "eval"; readonly code: string; readonly entry: URL };

/** Finds worker script `baseName` (default `"highsWorker"`) next to this module; null when it cannot be started. */
export function locateWorkerScript(baseName = "highsWorker"): WorkerScript | null {
  const js = new URL(`./${baseName}.js`, import.meta.url);
  if (existsSync(fileURLToPath(js))) return { kind: "file", url: js };
  const ts = new URL(`./${baseName}.ts`, import.meta.url);
  if (!existsSync(fileURLToPath(ts))) return null;
  let tsxApi: string;
  try {
    // The ESM build of tsx's API (`exports["./esm/api"].import`); require.resolve would pick the CJS one.
    const tsxPackage = createRequire(import.meta.url).resolve("tsx/package.json");
    tsxApi = new URL("./dist/esm/api/index.mjs", pathToFileURL(tsxPackage)).href;
  } catch {
    return null; // TypeScript source without tsx installed
  }
  const code =
    `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(ts.href)}, ${JSON.stringify(ts.href)}))` +
    `.catch((e) => { setImmediate(() => { throw e; }); });`;
  return { kind: "eval", code, entry: ts };
}

/** Starts a worker thread running `script`. */
export function spawnWorker(script: WorkerScript): Worker {
  return script.kind === "file" ? new Worker(script.url) : new Worker(script.code, { eval: true });
}
